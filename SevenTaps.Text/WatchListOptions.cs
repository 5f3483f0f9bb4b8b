using System.ComponentModel.DataAnnotations;

namespace SevenTaps.Text;

/// <summary>
/// The configured watch list, <c>Analytics:WatchList:0</c>, <c>...:1</c>: one settings class for every service that
/// flags answers. Analytics' options extend it and Seven binds it from the same section, so the dashboard and Seven
/// flag the same answers; AppHost passes <c>SEVENTAPS_WATCH_LIST</c> to both.
/// </summary>
public class WatchListOptions
{
    /// <summary>The configuration section both services read the list from.</summary>
    public const string ConfigurationSection = "Analytics";

    /// <summary>
    /// Words and phrases that flag an answer for follow-up, matched as whole words, case-insensitively. Setting it
    /// replaces <see cref="SevenTaps.Text.WatchList.Default"/>.
    /// </summary>
    [WatchListTerms]
    public string[]? WatchList { get; set; }

    public IReadOnlyList<string> EffectiveWatchList => WatchList ?? SevenTaps.Text.WatchList.Default;
}

/// <summary>Checks every watch-list term (<see cref="SevenTaps.Text.WatchList.Problem"/>) and the list's size.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WatchListTermsAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string[] terms)
        {
            return ValidationResult.Success;
        }
        if (terms.Length is 0 or > WatchList.MaxTerms)
        {
            return new ValidationResult($"The watch list must have 1 to {WatchList.MaxTerms} terms.");
        }
        var problems = terms.Select(term => (term, problem: WatchList.Problem(term))).Where(check => check.problem is not null).ToList();
        return problems.Count == 0
            ? ValidationResult.Success
            : new ValidationResult(string.Join("; ", problems.Select(check => $"watch-list term \"{check.term}\" {check.problem}")));
    }
}
