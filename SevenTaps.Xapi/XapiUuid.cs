using System.Text.RegularExpressions;

namespace SevenTaps.Xapi;

/// <summary>
/// UUID rules of xAPI (1.0.3 Data 4.4 / 2.4.1): a UUID MUST be in the standard string form
/// (8-4-4-4-12 hex digits). Variant 2 (RFC 4122) is only *recommended*, so any variant/version is
/// accepted. RFC 4122 makes hex digits case-insensitive on input, so upper case is accepted too.
/// </summary>
public static partial class XapiUuid
{
    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex StandardForm();

    public static bool IsValid(string? value) => value is not null && StandardForm().IsMatch(value);

    /// <summary>Lower-case form used whenever UUIDs are compared or indexed (they are case-insensitive).</summary>
    public static string Normalize(string value) => value.ToLowerInvariant();
}
