using System.ComponentModel.DataAnnotations;

namespace SevenTaps.Audit;

/// <summary>How long audit records are kept, section <c>Audit</c>; read by the service that owns the table.</summary>
public sealed class AuditRetentionOptions
{
    public const string SectionName = "Audit";

    /// <summary>Records older than this many days are deleted; 0 keeps them forever. About 13 months by default: a year's review with a margin.</summary>
    [Range(0, 36_500)]
    public int RetentionDays { get; set; } = 400;

    /// <summary>How often old records are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Records deleted per statement: a first purge of years of records holds no long lock and no huge transaction.</summary>
    [Range(1, 1_000_000)]
    public int PurgeBatchSize { get; set; } = 5_000;
}
