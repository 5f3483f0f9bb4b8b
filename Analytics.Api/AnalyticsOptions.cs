using System.ComponentModel.DataAnnotations;
using SevenTaps.Text;

namespace Analytics.Api;

/// <summary>
/// Settings of the analytics API, section <c>Analytics</c>; the watch list (<c>Analytics:WatchList</c>) is the shared
/// <see cref="WatchListOptions"/>, which Seven binds from the same section.
/// </summary>
public sealed class AnalyticsOptions : WatchListOptions
{
    public const string SectionName = "Analytics";

    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 50;

    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 1_000;

    /// <summary>A learner with no statement for this long is inactive (one input of the churn heuristic).</summary>
    [Range(1, 365)]
    public int InactiveAfterDays { get; set; } = 14;

    /// <summary>
    /// How long a cached answer lives at most (0: no caching). New data invalidates answers within a second anyway;
    /// this bounds how far "now" moves under answers without <c>to</c> (active learners, churn risk).
    /// </summary>
    [Range(0, 3600)]
    public int AnswerCacheSeconds { get; set; } = 60;

    /// <summary>
    /// Themes read at most this many free-text answers per period (the newest), so a request's work is bounded
    /// however many answers match; counts are then of this sample.
    /// </summary>
    [Range(100, 100_000)]
    public int ThemeSampleSize { get; set; } = 2_000;
}
