using System.Text.RegularExpressions;

namespace SevenTaps.Xapi;

/// <summary>
/// RFC 5646 language tag syntax check. The LRS MUST at least validate that the sequence of token lengths
/// of language map keys matches RFC 5646 (1.0.3 Data 2.2.s4.b2); we check the full ABNF (language,
/// extlang, script, region, variants, extensions, private use and the grandfathered tags) but not the
/// IANA registry contents, which the spec allows ("best-effort", 2.2.s4.b7). Tags are case-insensitive.
/// </summary>
public static partial class LanguageTag
{
    // langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
    [GeneratedRegex(
        """
        ^(?:
            (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})   # language (+ up to 3 extlang)
            (?:-[a-z]{4})?                                          # script
            (?:-(?:[a-z]{2}|[0-9]{3}))?                             # region
            (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*                # variants
            (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*                    # extensions
            (?:-x(?:-[a-z0-9]{1,8})+)?                              # private use
          |
            x(?:-[a-z0-9]{1,8})+                                    # private use only
          |
            en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|i-tsu
          | sgn-BE-FR|sgn-BE-NL|sgn-CH-DE
          | art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang
        )$
        """,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Rfc5646();

    public static bool IsValid(string? tag) => !string.IsNullOrEmpty(tag) && Rfc5646().IsMatch(tag);
}
