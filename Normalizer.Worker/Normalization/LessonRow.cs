namespace Normalizer.Worker.Normalization;

/// <summary>A lesson (table lessons), keyed by <see cref="LessonUrl"/>; each statement that belongs to it re-asserts it.</summary>
/// <param name="StatementId">The statement this row was derived from.</param>
/// <param name="LessonUrl">The lesson's URL, cleaned with <see cref="ActivityUrl.Clean"/> (the key).</param>
/// <param name="LessonSlug">The last path segment of <see cref="LessonUrl"/> (7taps: the lesson id, e.g. yjG39Clb0pSm).</param>
/// <param name="LessonNumber">From the <see cref="LessonCatalogue"/> when it knows this URL.</param>
/// <param name="LessonName">From the catalogue when it knows this URL, else the lesson activity's definition name (as plain text).</param>
/// <param name="FirstStatementId">This statement's id; the writer keeps the earliest one it has seen.</param>
/// <param name="SeenAt">The statement's timestamp (UTC); the writer keeps the earliest/latest as it needs.</param>
/// <param name="Source">Where the row came from: "xapi", or "csv" for an imported 7taps export.</param>
public sealed record LessonRow(
    Guid StatementId,
    string LessonUrl,
    string LessonSlug,
    string? LessonNumber,
    string? LessonName,
    Guid FirstStatementId,
    DateTimeOffset SeenAt,
    string Source = StatementNormalizer.Source);
