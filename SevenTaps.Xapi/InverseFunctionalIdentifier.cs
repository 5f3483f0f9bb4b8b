using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SevenTaps.Xapi;

/// <summary>
/// Inverse Functional Identifiers (1.0.3 Data 2.4.2.3): the four ways an Agent or Identified Group is
/// identified, their format rules, and the canonical string form used as an index key.
/// </summary>
/// <remarks>
/// Canonical forms: <c>mbox:mailto:user@example.com</c>, <c>mbox_sha1sum:&lt;40 lower-case hex&gt;</c>,
/// <c>openid:&lt;uri&gt;</c>, <c>account:&lt;homePage&gt;|&lt;name&gt;</c>. The parts the spec calls
/// case-insensitive are lower-cased (the "mailto" scheme and the e-mail domain, Data 2.4.2.3.s4.b1; the
/// hex digits of the SHA1 sum); everything else is kept verbatim because values are case sensitive
/// unless specified otherwise (Data 2.2.s3.b4).
/// </remarks>
public static partial class InverseFunctionalIdentifier
{
    public const string Mbox = "mbox";
    public const string MboxSha1Sum = "mbox_sha1sum";
    public const string OpenId = "openid";
    public const string Account = "account";

    /// <summary>The IFI property names, in the order the spec lists them.</summary>
    public static IReadOnlyList<string> PropertyNames { get; } = [Mbox, MboxSha1Sum, OpenId, Account];

    // mailto IRI with exactly one address and no header fields ("?subject=..."): local@domain.
    [GeneratedRegex("""^mailto:(?<local>[^\s@?#/\\<>()\[\]",;:]+)@(?<domain>[^\s@?#/\\<>()\[\]",;:]+)$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MailtoIri();

    [GeneratedRegex("^[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha1Hex();

    /// <summary>"The required format is mailto:email address" (Data 2.4.2.3).</summary>
    public static bool IsValidMbox(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var match = MailtoIri().Match(value);
        return match.Success && !match.Groups["domain"].Value.StartsWith('.') && !match.Groups["domain"].Value.EndsWith('.');
    }

    /// <summary>The hex-encoded SHA1 of a mailto IRI: 40 hex digits.</summary>
    public static bool IsValidMboxSha1Sum(string? value) => value is not null && Sha1Hex().IsMatch(value);

    /// <summary>
    /// Lower-cases the case-insensitive parts of an mbox ("mailto:" and the domain), keeping the local
    /// part as sent (its case sensitivity is up to the mail host).
    /// </summary>
    public static string NormalizeMbox(string mbox)
    {
        var match = MailtoIri().Match(mbox);
        return match.Success
            ? $"mailto:{match.Groups["local"].Value}@{match.Groups["domain"].Value.ToLowerInvariant()}"
            : mbox;
    }

    /// <summary>
    /// Canonical IFI string of an Agent or Identified Group, or null when the object carries no usable IFI
    /// (e.g. an Anonymous Group). When several IFIs are present (invalid), the first in spec order wins.
    /// </summary>
    public static string? GetCanonical(JsonNode? agentOrGroup)
    {
        if (agentOrGroup is not JsonObject obj)
        {
            return null;
        }

        if (StringOf(obj, Mbox) is { } mbox)
        {
            return $"{Mbox}:{NormalizeMbox(mbox)}";
        }

        if (StringOf(obj, MboxSha1Sum) is { } sha1)
        {
            return $"{MboxSha1Sum}:{sha1.ToLowerInvariant()}";
        }

        if (StringOf(obj, OpenId) is { } openId)
        {
            return $"{OpenId}:{openId}";
        }

        if (obj[Account] is JsonObject account && StringOf(account, "homePage") is { } homePage && StringOf(account, "name") is { } name)
        {
            return $"{Account}:{homePage}|{name}";
        }

        return null;
    }

    /// <summary>Names of the IFI properties present (with a non-null value) on <paramref name="obj"/>, in spec order.</summary>
    public static IReadOnlyList<string> PresentOn(JsonObject obj) => PropertyNames.Where(name => obj[name] is not null).ToList();

    private static string? StringOf(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
