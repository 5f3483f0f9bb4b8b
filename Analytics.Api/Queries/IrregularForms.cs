using System.Text.RegularExpressions;

namespace Analytics.Api.Queries;

/// <summary>
/// PostgreSQL's English stemmer (Snowball) reduces regular forms ("sleeping" to "sleep") but not irregular ones
/// ("slept"). A search is therefore also run with each irregular word swapped for its other forms, so that
/// "sleep" finds "slept" and "slept" finds "sleeping". The list covers the common irregular verbs learners use.
/// </summary>
public static partial class IrregularForms
{
    private const int MaxAlternatives = 16;

    private static readonly string[][] Groups =
    [
        ["sleep", "slept"], ["feel", "felt"], ["think", "thought"], ["wake", "woke", "woken"], ["eat", "ate", "eaten"],
        ["go", "went", "gone"], ["run", "ran"], ["take", "took", "taken"], ["make", "made"], ["get", "got", "gotten"],
        ["keep", "kept"], ["leave", "left"], ["spend", "spent"], ["lose", "lost"], ["find", "found"],
        ["begin", "began", "begun"], ["choose", "chose", "chosen"], ["write", "wrote", "written"], ["speak", "spoke", "spoken"],
        ["forget", "forgot", "forgotten"], ["bring", "brought"], ["buy", "bought"], ["teach", "taught"], ["catch", "caught"],
        ["sit", "sat"], ["stand", "stood"], ["meet", "met"], ["say", "said"], ["tell", "told"], ["know", "knew", "known"],
        ["see", "saw", "seen"], ["give", "gave", "given"], ["come", "came"], ["become", "became"], ["do", "did", "done"],
        ["drink", "drank", "drunk"], ["fall", "fell", "fallen"], ["grow", "grew", "grown"], ["hold", "held"], ["pay", "paid"],
        ["rise", "rose", "risen"], ["hear", "heard"], ["understand", "understood"], ["fight", "fought"], ["build", "built"],
    ];

    private static readonly Dictionary<string, string[]> FormsOf = Groups
        .SelectMany(group => group.Select(form => (form, group)))
        .ToDictionary(pair => pair.form, pair => pair.group, StringComparer.OrdinalIgnoreCase);

    /// <summary>The query itself first, then the same query with irregular words swapped, at most 16 in all.</summary>
    public static IReadOnlyList<string> Alternatives(string query)
    {
        var alternatives = new List<string> { query };
        foreach (Match word in Word().Matches(query))
        {
            if (!FormsOf.TryGetValue(word.Value, out var forms))
            {
                continue;
            }
            foreach (var existing in alternatives.ToList())
            {
                foreach (var form in forms.Where(form => !form.Equals(word.Value, StringComparison.OrdinalIgnoreCase)))
                {
                    if (alternatives.Count >= MaxAlternatives)
                    {
                        return alternatives;
                    }
                    alternatives.Add(Regex.Replace(existing, $@"\b{Regex.Escape(word.Value)}\b", form, RegexOptions.IgnoreCase));
                }
            }
        }
        return alternatives.Distinct().ToList();
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
