using System.Globalization;

namespace SevenTaps.Text;

/// <summary>
/// The VADER sentiment lexicon (Hutto &amp; Gilbert 2014, MIT licence): about 7,500 words, emoticons and slang with
/// their mean valence from -4 to +4, embedded in this assembly with its licence header (vader_lexicon.txt).
/// </summary>
public static class VaderLexicon
{
    private static readonly Lazy<IReadOnlyDictionary<string, double>> Entries = new(Load);

    /// <summary>Token (lower case, as the lexicon spells it) → mean valence.</summary>
    public static IReadOnlyDictionary<string, double> Valences => Entries.Value;

    private static IReadOnlyDictionary<string, double> Load()
    {
        using var stream = typeof(VaderLexicon).Assembly.GetManifestResourceStream("SevenTaps.Text.vader_lexicon.txt")
            ?? throw new InvalidOperationException("The embedded VADER lexicon is missing.");
        using var reader = new StreamReader(stream);
        var entries = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            // The licence header is '#' lines; no lexicon token begins with '#'.
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var tab = line.IndexOf('\t');
            entries[line[..tab]] = double.Parse(line[(tab + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return entries;
    }
}
