using System.Text;

namespace SevenTaps.Text;

/// <summary>
/// The concerning-words watch list that flags free-text answers for follow-up, shared by analytics (flagged answers,
/// the explorer's <c>flagged</c> filter) and Seven, so both flag the same answers: its default terms, what a configured
/// term must be (<see cref="WatchListOptions"/>) and how a term becomes a whole-word pattern.
/// </summary>
public static class WatchList
{
    /// <summary>
    /// Phrases about hopelessness, being a burden, self-harm, suicide and crisis, as people write them in short
    /// answers. A starting point for a course team and its safeguarding lead to review, not a clinical instrument.
    /// </summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        "hopeless", "hopelessness", "no hope", "worthless", "pointless", "don't see the point", "no point in living",
        "nothing I do matters", "nothing matters anymore", "a burden", "burden to everyone", "better off without me",
        "can't go on", "can't keep going", "can't do this anymore", "give up on everything", "no way out", "trapped",
        "want to disappear", "want to die", "wish I was dead", "wish I were dead", "end it all", "end my life",
        "kill myself", "killing myself", "suicide", "suicidal", "self-harm", "self harm", "hurt myself",
        "hurting myself", "cut myself", "cutting myself", "overdose", "crisis", "breaking down", "falling apart",
    ];

    public const int MaxTerms = 200;
    public const int MaxTermLength = 100;

    /// <summary>Why a term cannot be on the list (it must be matchable as whole words), or null when it can.</summary>
    public static string? Problem(string? term)
    {
        if (string.IsNullOrWhiteSpace(term) || term.Length > MaxTermLength)
        {
            return $"must be 1 to {MaxTermLength} characters";
        }
        return char.IsLetterOrDigit(term.Trim()[0]) && char.IsLetterOrDigit(term.Trim()[^1])
            ? null
            : "must begin and end with a letter or digit (it is matched as whole words)";
    }

    /// <summary>
    /// A PostgreSQL regular expression (ARE, used with <c>~*</c>) matching the term as whole words: <c>\m</c> and
    /// <c>\M</c> at its ends, any whitespace between its words, a straight or curly apostrophe for an apostrophe.
    /// </summary>
    public static string Pattern(string term)
    {
        var pattern = new StringBuilder(@"\m");
        foreach (var word in term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select((word, index) => (word, index)))
        {
            if (word.index > 0)
            {
                pattern.Append(@"\s+");
            }
            foreach (var character in word.word)
            {
                pattern.Append(character switch
                {
                    '\'' or '\u2019' => "['\u2019]",
                    _ when char.IsLetterOrDigit(character) => character.ToString(),
                    _ => "\\" + character,
                });
            }
        }
        return pattern.Append(@"\M").ToString();
    }
}
