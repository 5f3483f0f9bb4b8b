namespace Analytics.Api.Queries;

/// <param name="Position">1-based place of the lesson in the course.</param>
/// <param name="Reached">Learners with any statement in this lesson.</param>
/// <param name="StoppedHere">Learners whose furthest lesson is this one.</param>
public sealed record DropoffStep(int Position, string LessonUrl, string? LessonNumber, string? LessonName, long Reached, long StoppedHere);

/// <summary>
/// The course funnel: lessons in course order (catalogue lesson number when known, then the order in which
/// learners first reached them), how many learners reached each, and where each learner stopped.
/// </summary>
public static class DropoffQuery
{
    public static async Task<IReadOnlyList<DropoffStep>> RunAsync(AnalysisReader reader, AnalyticsFilter filter, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        // The funnel spans the whole course: a lesson filter would cut it to one step.
        var pairs = LearnerLessons.Cte(filter, command, [], [new("statements", "sum", "statements")], includeLesson: false);
        // Everything is computed from the learner-lesson pairs: counted per lesson before the lessons' columns are
        // joined (10 rows, not every pair), and a learner's furthest lesson is the highest place of their lessons in
        // the course's lesson list (computed once), looked up rather than joined: the planner, misjudging the
        // course's size, sorted every pair by lesson for a merge join.
        // A lesson's first statement ever (the tie-break for uncatalogued lessons) is kept on the lesson by the normalizer.
        command.CommandText = $"""
            WITH {pairs},
            reached AS (
                SELECT user_id, lesson_url FROM pairs WHERE lesson_url IS NOT NULL),
            per_lesson AS (
                SELECT lesson_url, count(*) AS reached FROM reached GROUP BY lesson_url),
            course AS (
                SELECT p.lesson_url, l.lesson_number, l.lesson_name, p.reached,
                       row_number() OVER (ORDER BY CASE WHEN l.lesson_number ~ '^[0-9]+$' THEN l.lesson_number::int END NULLS LAST,
                                                   l.lesson_number NULLS LAST, l.first_seen, p.lesson_url) AS position
                FROM per_lesson p JOIN analysis.lessons l ON l.lesson_url = p.lesson_url),
            furthest AS (
                SELECT max(array_position((SELECT array_agg(lesson_url ORDER BY position) FROM course), r.lesson_url)) AS position
                FROM reached r GROUP BY r.user_id),
            stopped AS (SELECT position, count(*) AS learners FROM furthest GROUP BY position)
            SELECT c.position, c.lesson_url, c.lesson_number, c.lesson_name, c.reached, coalesce(s.learners, 0)
            FROM course c LEFT JOIN stopped s ON s.position = c.position
            ORDER BY c.position
            """;
        var steps = new List<DropoffStep>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            steps.Add(new DropoffStep((int)rows.GetInt64(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.IsDBNull(3) ? null : rows.GetString(3), rows.GetInt64(4), rows.GetInt64(5)));
        }
        return steps;
    }
}
