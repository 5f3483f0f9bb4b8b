namespace Normalizer.Worker.Normalization;

/// <summary>One learner event (table activities): every statement that has a user yields exactly one.</summary>
/// <param name="StatementId">The statement this row was derived from (the key).</param>
/// <param name="UserId">The learner (<see cref="UserRow.UserId"/>).</param>
/// <param name="LessonUrl">The lesson, when known.</param>
/// <param name="QuestionId">The card/question, when the object is one.</param>
/// <param name="ActivityType">The verb IRI, verbatim.</param>
/// <param name="Verb">Short verb name: verb.display in English (en-US, en, en-*), else the IRI's last segment.</param>
/// <param name="Completion">result.completion.</param>
/// <param name="Success">result.success.</param>
/// <param name="DurationSeconds">result.duration in seconds.</param>
/// <param name="Timestamp">The statement's timestamp (UTC).</param>
/// <param name="Source">"xapi", or "csv" for an imported 7taps export.</param>
/// <param name="SourceData">For rows not derived from a statement (imports): where they came from, as JSON; null for xAPI.</param>
public sealed record ActivityRow(
    Guid StatementId,
    string UserId,
    string? LessonUrl,
    string? QuestionId,
    string ActivityType,
    string Verb,
    bool? Completion,
    bool? Success,
    double? DurationSeconds,
    DateTimeOffset Timestamp,
    string Source,
    string? SourceData = null);
