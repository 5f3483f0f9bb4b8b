namespace SevenTaps.Xapi;

/// <summary>
/// Best-effort IRI / IRL checks. The spec (1.0.3 Data 2.2.s4.b1.b8 and b6) requires the LRS to reject
/// IRIs and IRLs without a scheme and anything that does not follow the format, and explicitly allows
/// best-effort validation. We therefore check: an RFC 3987 scheme followed by ':', a non-empty
/// remainder, no characters that can never appear in an IRI (spaces, controls, &lt;&gt;"{}|\^`),
/// well-formed percent escapes, and a non-empty host for hierarchical http(s) IRIs.
/// IRLs (homePage, moreInfo, fileUrl) get the same check: telling whether an IRI is resolvable is not
/// possible syntactically, and the spec only asks for syntax validation.
/// </summary>
public static class XapiIri
{
    public static bool IsValidIri(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var colon = value.IndexOf(':');
        if (colon <= 0 || !IsValidScheme(value.AsSpan(0, colon)) || colon == value.Length - 1)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || char.IsWhiteSpace(c) || "<>\"{}|\\^`".Contains(c))
            {
                return false;
            }

            if (c == '%' && (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2])))
            {
                return false;
            }
        }

        var scheme = value[..colon];
        var rest = value.AsSpan(colon + 1);
        if ((scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)))
        {
            // http(s) IRIs are always hierarchical: "//" followed by a host.
            if (!rest.StartsWith("//") || rest.Length == 2 || "/?#".Contains(rest[2]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>IRLs are IRIs that can be resolved; syntactically they are checked as IRIs.</summary>
    public static bool IsValidIrl(string? value) => IsValidIri(value);

    // RFC 3987/3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    private static bool IsValidScheme(ReadOnlySpan<char> scheme)
    {
        if (scheme.IsEmpty || !char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
