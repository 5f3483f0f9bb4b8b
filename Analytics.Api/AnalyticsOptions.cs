using System.ComponentModel.DataAnnotations;

namespace Analytics.Api;

/// <summary>Settings of the analytics API, section <c>Analytics</c>.</summary>
public sealed class AnalyticsOptions
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
}
