namespace Analytics.Api.Queries;

/// <summary>A lesson of the course: its URL, and its number and name when the catalogue or the statements give them.</summary>
public sealed record CourseLesson(string LessonUrl, string? LessonNumber, string? LessonName);

/// <summary>
/// The course's lessons in course order, without figures: what a lesson picker needs, one short read of the lessons
/// table (the lessons list with its figures groups every learner-lesson pair).
/// </summary>
public static class CourseLessonsQuery
{
    /// <summary>
    /// CTE <c>course</c>: every lesson with its <c>place</c> in course order: catalogue numbers in numeric order, other
    /// numbers after them, then uncatalogued lessons by their first statement ever (kept on the lesson by the normalizer).
    /// </summary>
    public static readonly string CourseCte = $"""
        course AS (
            SELECT lesson_url, lesson_number, lesson_name,
                   row_number() OVER (ORDER BY CASE WHEN lesson_number ~ '^[0-9]+$' THEN lesson_number::int END NULLS LAST,
                                               lesson_number NULLS LAST, first_seen, lesson_url) AS place
            FROM {AnalysisSchema.Lessons.Table})
        """;

    internal static readonly string Sql = $"WITH {CourseCte} SELECT lesson_url, lesson_number, lesson_name FROM course ORDER BY place";

    public static async Task<IReadOnlyList<CourseLesson>> RunAsync(AnalysisReader reader, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand(Sql);
        var lessons = new List<CourseLesson>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            lessons.Add(new CourseLesson(rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2)));
        }
        return lessons;
    }
}
