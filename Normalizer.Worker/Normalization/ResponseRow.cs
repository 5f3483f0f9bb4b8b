namespace Normalizer.Worker.Normalization;

/// <summary>A learner's answer (table responses): a statement with result.response, or any "answered" statement.</summary>
/// <param name="StatementId">The statement this row was derived from (the key).</param>
/// <param name="UserId">The learner (<see cref="UserRow.UserId"/>).</param>
/// <param name="QuestionId">The question answered (<see cref="QuestionRow.QuestionId"/>); null when the object is not a question.</param>
/// <param name="LessonUrl">The lesson, when known.</param>
/// <param name="ResponseValue">result.response verbatim (non-string JSON as its JSON text); null when absent.</param>
/// <param name="ResponseText">The response made readable: component ids replaced by their descriptions, "[,]" lists joined with " | ".</param>
/// <param name="IsCorrect">result.success.</param>
/// <param name="ScoreRaw">result.score.raw.</param>
/// <param name="ScoreScaled">result.score.scaled.</param>
/// <param name="ScoreMin">result.score.min.</param>
/// <param name="ScoreMax">result.score.max.</param>
/// <param name="DurationSeconds">result.duration in seconds (ISO 8601; years and months at their mean Gregorian length).</param>
/// <param name="Timestamp">The statement's timestamp (UTC), not stored.</param>
/// <param name="Source">"xapi", or "csv" for an imported 7taps export.</param>
/// <param name="SourceData">For rows not derived from a statement (imports): where they came from, as JSON; null for xAPI.</param>
public sealed record ResponseRow(
    Guid StatementId,
    string UserId,
    string? QuestionId,
    string? LessonUrl,
    string? ResponseValue,
    string? ResponseText,
    bool? IsCorrect,
    double? ScoreRaw,
    double? ScoreScaled,
    double? ScoreMin,
    double? ScoreMax,
    double? DurationSeconds,
    DateTimeOffset Timestamp,
    string Source,
    string? SourceData = null)
{
    /// <summary>VADER compound sentiment (-1..1) of a free-text answer (<see cref="SevenTaps.Text.SentimentAnalyzer"/>); null for other answers.</summary>
    public double? Sentiment { get; init; }
}
