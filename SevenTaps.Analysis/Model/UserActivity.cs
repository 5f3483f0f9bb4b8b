namespace SevenTaps.Analysis.Model;

/// <summary>A learner event (table <c>user_activities</c>): exactly one per statement that has a learner.</summary>
public sealed class UserActivity
{
    public Guid StatementId { get; set; }

    public required string UserId { get; set; }

    public string? LessonUrl { get; set; }

    public string? QuestionId { get; set; }

    /// <summary>The verb IRI.</summary>
    public required string ActivityType { get; set; }

    /// <summary>The verb's short name (display in English, else the IRI's last segment).</summary>
    public required string Verb { get; set; }

    public bool? Completion { get; set; }

    public bool? Success { get; set; }

    public double? DurationSeconds { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string Source { get; set; }

    /// <summary>
    /// Where a row not derived from a statement came from (a CSV import: file, line, and that its timestamp is the
    /// operator's import date); null for rows derived from xAPI statements.
    /// </summary>
    public string? SourceData { get; set; }
}
