using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Analytics.Api;

/// <summary>The concerning-words watch list: its default terms and how a term becomes a whole-word pattern.</summary>
public static class WatchListTerms
{
    public const int MaxTerms = 200;
    public const int MaxTermLength = 100;

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

    /// <summary>Why a term cannot be on the list, or null when it can.</summary>
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
}

/// <summary>Checks every watch-list term (<see cref="WatchListTerms.Problem"/>) and the list's size.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WatchListAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string[] terms)
        {
            return ValidationResult.Success;
        }
        if (terms.Length is 0 or > WatchListTerms.MaxTerms)
        {
            return new ValidationResult($"The watch list must have 1 to {WatchListTerms.MaxTerms} terms.");
        }
        var problems = terms.Select(term => (term, problem: WatchListTerms.Problem(term))).Where(check => check.problem is not null).ToList();
        return problems.Count == 0
            ? ValidationResult.Success
            : new ValidationResult(string.Join("; ", problems.Select(check => $"watch-list term \"{check.term}\" {check.problem}")));
    }
}
