using System.ComponentModel.DataAnnotations;

namespace Normalizer.Worker.Backfill;

/// <summary>Settings of the sentiment backfill (<see cref="SentimentBackfillService"/>), section <c>Normalizer:SentimentBackfill</c>.</summary>
public sealed class SentimentBackfillOptions
{
    public const string SectionName = "Normalizer:SentimentBackfill";

    /// <summary>Off leaves answers stored without a sentiment as they are.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Answers read per transaction (one keyset page of user_responses); at most as many are scored in it.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>The pause before the next pass, while the last one still scored answers or left some to another replica.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
