using System.ComponentModel.DataAnnotations;

namespace Analytics.Api;

/// <summary>The concerning-words watch list: its default terms and whole-word patterns (<see cref="SevenTaps.Text.WatchList"/>), and what a configured term must be.</summary>
public static class WatchListTerms
{
    public const int MaxTerms = 200;
    public const int MaxTermLength = 100;

    /// <summary>The default terms, shared with Seven (<see cref="SevenTaps.Text.WatchList.Default"/>).</summary>
    public static IReadOnlyList<string> Default => SevenTaps.Text.WatchList.Default;

    /// <summary>The term as a whole-word PostgreSQL pattern (<see cref="SevenTaps.Text.WatchList.Pattern"/>).</summary>
    public static string Pattern(string term) => SevenTaps.Text.WatchList.Pattern(term);

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
