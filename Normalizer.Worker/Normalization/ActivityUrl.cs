using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Normalizer.Worker.Normalization;

/// <summary>
/// Cleaning of Activity ids and lesson URLs so that the same lesson or card seen with cosmetic differences
/// becomes one key. Hand-written (not <see cref="Uri"/>) so that nothing else changes: <see cref="Uri"/>
/// re-escapes, punycodes hosts and treats IRIs differently across schemes.
/// </summary>
/// <remarks>
/// What changes: surrounding whitespace is trimmed; scheme and host are lower-cased; a default port
/// (http 80, https 443, ws 80, wss 443, ftp 21) and an empty port are removed; percent-encoding is
/// normalized (RFC 3986 §6.2.2: hex digits upper-cased, unreserved characters decoded, and, RFC 3987 §5.3.2.3,
/// escaped UTF-8 of printable non-ASCII characters decoded to the characters); trailing slashes of the path
/// are removed. <see cref="Clean"/> also drops the query and the fragment (a lesson is a page:
/// <c>?utm_source=...</c> or <c>#card-3</c> do not make another lesson); <see cref="CleanId"/> keeps them,
/// because they may be all that tells two activities apart (<c>.../quiz?q=1</c>, <c>...#/question/2</c>).
/// What never changes: the path's case (7taps ids such as <c>yjG39Clb0pSm</c> are case-sensitive), the user
/// info, reserved escapes such as <c>%2F</c>.
/// </remarks>
public static partial class ActivityUrl
{
    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*):(?<rest>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SchemeAndRest();

    private static readonly Dictionary<string, int> DefaultPorts = new(StringComparer.Ordinal)
    {
        ["http"] = 80,
        ["https"] = 443,
        ["ws"] = 80,
        ["wss"] = 443,
        ["ftp"] = 21,
    };

    /// <summary>Cleans a lesson URL: see the remarks; drops query and fragment.</summary>
    public static string Clean(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return CleanCore(url, keepQueryAndFragment: false);
    }

    /// <summary>Cleans an Activity id (a card or question): as <see cref="Clean"/> but keeps query and fragment.</summary>
    public static string CleanId(string activityId)
    {
        ArgumentNullException.ThrowIfNull(activityId);
        return CleanCore(activityId, keepQueryAndFragment: true);
    }

    /// <summary>
    /// The last path segment of a URL (its "slug"), e.g. <c>yjG39Clb0pSm</c> for
    /// <c>https://courses.practiceoflife.com/yjG39Clb0pSm</c>; the host when the path is empty; for IRIs without
    /// an authority (<c>urn:a:b</c>) the text after the last ':' or '/'.
    /// </summary>
    public static string LastSegment(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var cleaned = Clean(url);
        var parts = Split(cleaned);
        if (parts is null)
        {
            return LastOf(cleaned, '/');
        }

        var (_, authority, path, _, _) = parts.Value;
        if (authority is not null)
        {
            return path.Length == 0 ? HostOfAuthority(authority) : LastOf(path, '/');
        }

        var cut = path.LastIndexOfAny([':', '/']);
        return cut >= 0 && cut < path.Length - 1 ? path[(cut + 1)..] : path;
    }

    /// <summary>The lower-cased host of a hierarchical URL (<c>scheme://host/...</c>), or of a bare <c>host/path</c>; null otherwise.</summary>
    public static string? HostOf(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var parts = Split(url.Trim());
        if (parts is { Authority: { } authority })
        {
            var host = HostOfAuthority(authority);
            return host.Length == 0 ? null : host;
        }

        if (parts is null)
        {
            // No scheme ("7taps.com/", "//7taps.com"): take the first segment as the host.
            var bare = url.Trim().TrimStart('/');
            var end = bare.IndexOfAny(['/', '?', '#']);
            var host = HostOfAuthority(end >= 0 ? bare[..end] : bare);
            return host.Length == 0 ? null : host;
        }

        return null;
    }

    private static string CleanCore(string value, bool keepQueryAndFragment)
    {
        var text = value.Trim();
        var parts = Split(text);
        if (parts is null)
        {
            // Not an absolute IRI (the LRS would have rejected it as an id; catalogue data may still be like that).
            var (path, query, fragment) = SplitPath(text);
            return Assemble(null, null, path, keepQueryAndFragment ? query : null, keepQueryAndFragment ? fragment : null);
        }

        var (scheme, authority, rawPath, rawQuery, rawFragment) = parts.Value;
        return Assemble(
            scheme,
            authority is null ? null : CleanAuthority(authority, scheme),
            rawPath,
            keepQueryAndFragment ? rawQuery : null,
            keepQueryAndFragment ? rawFragment : null);
    }

    private static string Assemble(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var builder = new StringBuilder();
        if (scheme is not null)
        {
            builder.Append(scheme).Append(':');
        }

        if (authority is not null)
        {
            builder.Append("//").Append(authority);
        }

        builder.Append(NormalizePercentEncoding(path).TrimEnd('/'));
        if (!string.IsNullOrEmpty(query))
        {
            builder.Append('?').Append(NormalizePercentEncoding(query));
        }

        if (!string.IsNullOrEmpty(fragment))
        {
            builder.Append('#').Append(NormalizePercentEncoding(fragment));
        }

        return builder.ToString();
    }

    private readonly record struct Parts(string Scheme, string? Authority, string Path, string? Query, string? Fragment);

    // scheme ":" ["//" authority] path ["?" query] ["#" fragment]; null without a scheme.
    private static Parts? Split(string text)
    {
        var match = SchemeAndRest().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var scheme = match.Groups["scheme"].Value.ToLowerInvariant();
        var rest = match.Groups["rest"].Value;
        string? authority = null;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var end = rest.IndexOfAny(['/', '?', '#'], 2);
            authority = end < 0 ? rest[2..] : rest[2..end];
            rest = end < 0 ? string.Empty : rest[end..];
        }

        var (path, query, fragment) = SplitPath(rest);
        return new Parts(scheme, authority, path, query, fragment);
    }

    private static (string Path, string? Query, string? Fragment) SplitPath(string rest)
    {
        string? fragment = null;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            fragment = rest[(hash + 1)..];
            rest = rest[..hash];
        }

        string? query = null;
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        return (rest, query, fragment);
    }

    // [userinfo "@"] host [":" port]: host lower-cased, default or empty port removed.
    private static string CleanAuthority(string authority, string scheme)
    {
        var at = authority.LastIndexOf('@');
        var userInfo = at >= 0 ? authority[..(at + 1)] : string.Empty;
        var hostPort = at >= 0 ? authority[(at + 1)..] : authority;

        string host;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            // IP literal: "[v6]" or "[v6]:port".
            var close = hostPort.IndexOf(']');
            host = close < 0 ? hostPort : hostPort[..(close + 1)];
            if (close >= 0 && close + 1 < hostPort.Length && hostPort[close + 1] == ':')
            {
                port = hostPort[(close + 2)..];
            }
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            port = colon < 0 ? null : hostPort[(colon + 1)..];
        }

        host = NormalizePercentEncoding(host).ToLowerInvariant();
        if (port is not null)
        {
            if (port.Length == 0)
            {
                port = null;
            }
            else if (port.All(char.IsAsciiDigit) && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                port = DefaultPorts.TryGetValue(scheme, out var defaultPort) && number == defaultPort
                    ? null
                    : number.ToString(CultureInfo.InvariantCulture);
            }
        }

        return port is null ? userInfo + host : $"{userInfo}{host}:{port}";
    }

    private static string HostOfAuthority(string authority)
    {
        var at = authority.LastIndexOf('@');
        var hostPort = at >= 0 ? authority[(at + 1)..] : authority;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            return (close < 0 ? hostPort : hostPort[..(close + 1)]).ToLowerInvariant();
        }

        var colon = hostPort.LastIndexOf(':');
        return (colon < 0 ? hostPort : hostPort[..colon]).ToLowerInvariant();
    }

    private static string LastOf(string text, char separator)
    {
        var trimmed = text.TrimEnd(separator);
        var cut = trimmed.LastIndexOf(separator);
        return cut >= 0 ? trimmed[(cut + 1)..] : trimmed;
    }

    /// <summary>
    /// RFC 3986 §6.2.2.1/§6.2.2.2 and RFC 3987 §5.3.2.3: escapes of unreserved ASCII characters and of valid
    /// UTF-8 sequences of printable non-ASCII characters are decoded; every other escape is kept with upper-case
    /// hex digits; a '%' that starts no escape is left alone.
    /// </summary>
    internal static string NormalizePercentEncoding(string text)
    {
        if (!text.Contains('%'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsEscapeAt(text, i))
            {
                builder.Append(text[i]);
                i++;
                continue;
            }

            // Collect the run of consecutive escapes as bytes.
            var bytes = new List<byte>();
            while (IsEscapeAt(text, i))
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 3;
            }

            AppendBytes(builder, bytes);
        }

        return builder.ToString();
    }

    private static bool IsEscapeAt(string text, int i) =>
        i + 2 < text.Length && text[i] == '%' && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]);

    private static void AppendBytes(StringBuilder builder, List<byte> bytes)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var k = 0;
        while (k < bytes.Count)
        {
            var b = bytes[k];
            if (b < 0x80)
            {
                var c = (char)b;
                if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
                {
                    builder.Append(c);
                }
                else
                {
                    AppendEscape(builder, b);
                }

                k++;
                continue;
            }

            var length = b switch
            {
                >= 0xC2 and <= 0xDF => 2,
                >= 0xE0 and <= 0xEF => 3,
                >= 0xF0 and <= 0xF4 => 4,
                _ => 0,
            };

            string? decoded = null;
            if (length > 0 && k + length <= bytes.Count)
            {
                try
                {
                    decoded = strict.GetString(bytes.GetRange(k, length).ToArray());
                }
                catch (DecoderFallbackException)
                {
                    decoded = null;
                }
            }

            if (decoded is not null && IsPrintable(decoded))
            {
                builder.Append(decoded);
                k += length;
            }
            else
            {
                AppendEscape(builder, b);
                k++;
            }
        }
    }

    private static bool IsPrintable(string decoded)
    {
        var rune = decoded.EnumerateRunes().First();
        var category = Rune.GetUnicodeCategory(rune);
        return !Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune)
            && category is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned);
    }

    private static void AppendEscape(StringBuilder builder, byte b) =>
        builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
}
