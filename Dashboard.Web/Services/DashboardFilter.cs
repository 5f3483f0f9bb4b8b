namespace Dashboard.Web.Services;

/// <summary>
/// The filter every tile of a view applies, as it stands in the page's URL (<c>?from=2025-01-06&amp;to=...&amp;lesson=...&amp;cohort=...</c>)
/// and as Analytics.Api takes it: statement time from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive,
/// whole UTC days), one lesson, one cohort.
/// </summary>
public sealed record DashboardFilter(DateOnly? From, DateOnly? To, string? Lesson, DateOnly? Cohort)
{
    public static DashboardFilter None { get; } = new(null, null, null, null);

    public bool IsEmpty => this == None;

    /// <summary>The query string Analytics.Api takes, starting with <paramref name="separator"/> when not empty.</summary>
    public string ToQuery(char separator = '?')
    {
        var parts = new List<string>();
        if (From is { } from)
        {
            parts.Add($"from={from:yyyy-MM-dd}");
        }
        if (To is { } to)
        {
            parts.Add($"to={to:yyyy-MM-dd}");
        }
        if (Lesson is { Length: > 0 } lesson)
        {
            parts.Add($"lesson={Uri.EscapeDataString(lesson)}");
        }
        if (Cohort is { } cohort)
        {
            parts.Add($"cohort={cohort:yyyy-MM-dd}");
        }
        return parts.Count == 0 ? "" : separator + string.Join('&', parts);
    }

    /// <summary>The filter from the page's query parameters; values that do not parse are ignored.</summary>
    public static DashboardFilter Parse(string? from, string? to, string? lesson, string? cohort) =>
        new(Date(from), Date(to), string.IsNullOrWhiteSpace(lesson) || lesson.Length > 2048 ? null : lesson, Date(cohort));

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date : null;
}
