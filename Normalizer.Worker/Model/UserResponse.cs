namespace Normalizer.Worker.Model;

/// <summary>A learner's answer (table <c>user_responses</c>): exactly one per statement that has one.</summary>
public sealed class UserResponse
{
    public Guid StatementId { get; set; }

    public required string UserId { get; set; }

    public string? QuestionId { get; set; }

    public string? LessonUrl { get; set; }

    /// <summary>result.response verbatim.</summary>
    public string? ResponseValue { get; set; }

    /// <summary>The response made readable (choice ids replaced by their descriptions).</summary>
    public string? ResponseText { get; set; }

    public bool? IsCorrect { get; set; }

    public double? ScoreRaw { get; set; }

    public double? ScoreScaled { get; set; }

    public double? ScoreMin { get; set; }

    public double? ScoreMax { get; set; }

    public double? DurationSeconds { get; set; }

    /// <summary>The statement's timestamp, not when it was stored or normalized.</summary>
    public DateTimeOffset Timestamp { get; set; }

    public required string Source { get; set; }
}
