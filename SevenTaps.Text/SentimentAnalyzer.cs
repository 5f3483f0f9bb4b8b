using System.Text;

namespace SevenTaps.Text;

/// <summary>
/// Sentiment of a short text by VADER (Hutto &amp; Gilbert 2014): each word's lexicon valence, adjusted by the
/// method's rules, summed and normalised to a compound score from -1 (most negative) to +1 (most positive).
/// Rules: idioms scored as one unit ("the bomb", "cut the mustard"), boosters and dampeners up to three words
/// before ("very", "kind of"), negation up to three words before ("not", "never", "n't"; "never so" intensifies),
/// "no" before a word, "least", a word in capitals when the rest is not, "but" (before it half weight, after it
/// 1.5), and "!" / "??" emphasis. Emoji are read as their names (<see cref="Emoji.Names"/>). Our own
/// implementation of the published method; where the reference implementation's code does something its own
/// comments do not intend, this follows the intent (docs/analytics.md lists where).
/// </summary>
public static class SentimentAnalyzer
{
    /// <summary>VADER's usual thresholds: compound ≥ 0.05 is positive, ≤ -0.05 negative, between them neutral.</summary>
    public const double PositiveThreshold = 0.05;

    public const double NegativeThreshold = -0.05;

    /// <summary>The compound score of <paramref name="text"/>, rounded to 4 decimals; 0 when no word carries sentiment.</summary>
    public static double Compound(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var prepared = ReplaceEmoji(text.Replace('\u2019', '\'').Replace('\u2018', '\''));
        var words = WordsOf(prepared);
        if (words.Count == 0)
        {
            return 0;
        }
        var capitalsDiffer = CapitalsDiffer(words);
        var lower = words.Select(word => word.ToLowerInvariant()).ToArray();
        var valences = new double[words.Count];
        foreach (var unit in UnitsOf(lower))
        {
            valences[unit.End] = Valence(words, lower, unit, capitalsDiffer);
        }
        ApplyBut(lower, valences);
        return Math.Round(Normalize(Emphasize(valences.Sum(), prepared)), 4);
    }

    /// <summary>positive, neutral or negative by <see cref="PositiveThreshold"/> and <see cref="NegativeThreshold"/>.</summary>
    public static string Polarity(double compound) =>
        compound >= PositiveThreshold ? "positive" : compound <= NegativeThreshold ? "negative" : "neutral";

    /// <summary>Words <paramref name="Start"/>..<paramref name="End"/> that carry one valence: a lexicon word, or an idiom.</summary>
    private readonly record struct Unit(int Start, int End, double Valence, bool IsIdiom);

    /// <summary>
    /// What carries sentiment, left to right: an idiom (the longest starting at a word) as one unit whose words count
    /// for nothing else, and every other lexicon word but boosters and the "kind" of "kind of".
    /// </summary>
    private static IEnumerable<Unit> UnitsOf(string[] lower)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            if (IdiomAt(lower, i) is { } idiom)
            {
                yield return idiom;
                i = idiom.End;
                continue;
            }
            var isKindOf = lower[i] == "kind" && i + 1 < lower.Length && lower[i + 1] == "of";
            if (!VaderRules.Boosters.ContainsKey(lower[i]) && !isKindOf && VaderLexicon.Valences.TryGetValue(lower[i], out var valence))
            {
                yield return new Unit(i, i, valence, IsIdiom: false);
            }
        }
    }

    private static Unit? IdiomAt(string[] lower, int start)
    {
        for (var length = Math.Min(VaderRules.LongestIdiom, lower.Length - start); length > 0; length--)
        {
            if (VaderRules.Idioms.TryGetValue(string.Join(' ', lower, start, length), out var valence))
            {
                return new Unit(start, start + length - 1, valence, IsIdiom: true);
            }
        }
        return null;
    }

    /// <summary>The unit's valence after the rules, which look at the words before its first word.</summary>
    private static double Valence(IReadOnlyList<string> words, string[] lower, Unit unit, bool capitalsDiffer)
    {
        var i = unit.Start;
        // An idiom worth nothing ("bus stop") only stops its words from counting.
        if (unit is { IsIdiom: true, Valence: 0 })
        {
            return 0;
        }
        var valence = unit.Valence;
        // "no" before another sentiment word is a negation, not a sentiment of its own.
        if (!unit.IsIdiom && lower[i] == "no" && i + 1 < lower.Length && VaderLexicon.Valences.ContainsKey(lower[i + 1]))
        {
            valence = 0;
        }
        if ((i > 0 && lower[i - 1] == "no") || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && lower[i - 1] is "or" or "nor"))
        {
            valence = unit.Valence * VaderRules.NegationScalar;
        }
        if (capitalsDiffer && Enumerable.Range(i, unit.End - i + 1).All(index => IsAllCaps(words[index])))
        {
            valence += valence > 0 ? VaderRules.CapitalsIncrement : -VaderRules.CapitalsIncrement;
        }
        for (var distance = 1; distance <= 3; distance++)
        {
            if (i < distance || VaderLexicon.Valences.ContainsKey(lower[i - distance]))
            {
                continue;
            }
            var boost = Boost(words[i - distance], lower[i - distance], valence, capitalsDiffer);
            // A booster further away counts less.
            valence += boost * distance switch { 2 => 0.95, 3 => 0.9, _ => 1.0 };
            valence = Negate(valence, lower, i, distance);
        }
        return Least(TwoWordBoost(valence, lower, i), lower, i);
    }

    private static double Boost(string word, string lower, double valence, bool capitalsDiffer)
    {
        if (!VaderRules.Boosters.TryGetValue(lower, out var boost))
        {
            return 0;
        }
        if (valence < 0)
        {
            boost = -boost;
        }
        if (capitalsDiffer && IsAllCaps(word))
        {
            boost += valence > 0 ? VaderRules.CapitalsIncrement : -VaderRules.CapitalsIncrement;
        }
        return boost;
    }

    /// <summary>
    /// A two-word booster ("kind of", "sort of", "just enough") just before word <paramref name="i"/> or one word
    /// further. Unlike the reference, which adds the dampening as it stands, a negative valence is dampened too.
    /// </summary>
    private static double TwoWordBoost(double valence, string[] lower, int i)
    {
        for (var distance = 2; distance <= 3 && i >= distance; distance++)
        {
            if (VaderRules.Boosters.TryGetValue($"{lower[i - distance]} {lower[i - distance + 1]}", out var boost))
            {
                return valence + (valence < 0 ? -boost : boost);
            }
        }
        return valence;
    }

    /// <summary>Negation <paramref name="distance"/> words before word <paramref name="i"/>; "never so/this" intensifies, "without doubt" does not negate.</summary>
    private static double Negate(double valence, string[] lower, int i, int distance)
    {
        var before = lower[i - distance];
        var between = lower[(i - distance + 1)..i];
        if (distance > 1 && before == "never" && between.Any(word => word is "so" or "this"))
        {
            return valence * 1.25;
        }
        if (distance > 1 && before == "without" && between.Contains("doubt"))
        {
            return valence;
        }
        return IsNegation(before) ? valence * VaderRules.NegationScalar : valence;
    }

    private static double Least(double valence, string[] lower, int i)
    {
        if (i > 0 && lower[i - 1] == "least" && (i == 1 || lower[i - 2] is not ("at" or "very")))
        {
            return valence * VaderRules.NegationScalar;
        }
        return valence;
    }

    private static void ApplyBut(string[] lower, double[] valences)
    {
        var but = Array.IndexOf(lower, "but");
        if (but < 0)
        {
            return;
        }
        for (var i = 0; i < valences.Length; i++)
        {
            valences[i] *= i < but ? VaderRules.BeforeBut : i > but ? VaderRules.AfterBut : 1;
        }
    }

    /// <summary>"!" and several "?" strengthen whatever the text already says.</summary>
    private static double Emphasize(double sum, string text)
    {
        var exclamations = Math.Min(text.Count(character => character == '!'), VaderRules.MaxExclamations);
        var questions = text.Count(character => character == '?');
        var emphasis = (exclamations * VaderRules.ExclamationIncrement) + questions switch
        {
            <= 1 => 0,
            <= 3 => questions * 0.18,
            _ => 0.96,
        };
        return sum > 0 ? sum + emphasis : sum < 0 ? sum - emphasis : 0;
    }

    private static double Normalize(double sum) =>
        Math.Clamp(sum / Math.Sqrt((sum * sum) + VaderRules.NormalizationAlpha), -1, 1);

    private static bool IsNegation(string word) => VaderRules.Negations.Contains(word) || word.Contains("n't", StringComparison.Ordinal);

    /// <summary>Whitespace-separated tokens with surrounding punctuation removed, unless that leaves two characters or fewer (so ":)" and ":-(" stay emoticons).</summary>
    private static List<string> WordsOf(string text)
    {
        var words = new List<string>();
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var stripped = token.Trim(AsciiPunctuation);
            words.Add(stripped.Length <= 2 ? token : stripped);
        }
        return words;
    }

    private static readonly char[] AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".ToCharArray();

    /// <summary>Some but not all words are in capitals: then capitals are emphasis.</summary>
    private static bool CapitalsDiffer(IReadOnlyList<string> words)
    {
        var capitals = words.Count(IsAllCaps);
        return capitals > 0 && capitals < words.Count;
    }

    /// <summary>As Python's <c>str.isupper</c>, which the reference uses: some upper-case letter and no lower-case one ("日本" is not).</summary>
    private static bool IsAllCaps(string word) => word.Any(char.IsUpper) && !word.Any(char.IsLower);

    private static string ReplaceEmoji(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Emoji.IsPictograph(rune))
            {
                var name = Emoji.Names.GetValueOrDefault(rune.ToString());
                result.Append(' ').Append(name).Append(' ');
            }
            else if (!Emoji.IsModifier(rune))
            {
                result.Append(rune.ToString());
            }
        }
        return result.ToString();
    }
}
