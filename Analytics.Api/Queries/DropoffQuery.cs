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
        // Everything is computed from the learner-lesson pairs in one pass with two hash tables (GROUPING SETS): per
        // lesson the learners who reached it, per learner the furthest place of their lessons in the course order. That
        // place is looked up in the list of every lesson in course order (built once), which orders the lessons with
        // pairs as the funnel does, so a learner's furthest lesson is the same; a lesson's own place in it joins the two.
        // Before, the pairs were materialized once and grouped twice (about 25 % more time); and earlier still the
        // planner, misjudging the course's size, sorted every pair by lesson for a merge join.
        // A lesson's first statement ever (the tie-break for uncatalogued lessons) is kept on the lesson by the normalizer.
        const string courseOrder = """
            CASE WHEN l.lesson_number ~ '^[0-9]+$' THEN l.lesson_number::int END NULLS LAST, l.lesson_number NULLS LAST, l.first_seen, l.lesson_url
            """;
        command.CommandText = $"""
            WITH {pairs},
            groups AS (
                SELECT GROUPING(user_id) = 0 AS per_learner, lesson_url, count(*) AS reached,
                       max(array_position((SELECT array_agg(l.lesson_url ORDER BY {courseOrder}) FROM analysis.lessons l), lesson_url)) AS place
                FROM pairs
                WHERE lesson_url IS NOT NULL
                GROUP BY GROUPING SETS ((lesson_url), (user_id))),
            course AS (
                SELECT g.lesson_url, l.lesson_number, l.lesson_name, g.reached, g.place, row_number() OVER (ORDER BY {courseOrder}) AS position
                FROM groups g JOIN analysis.lessons l ON l.lesson_url = g.lesson_url
                WHERE NOT g.per_learner),
            stopped AS (SELECT place, count(*) AS learners FROM groups WHERE per_learner GROUP BY place)
            SELECT c.position, c.lesson_url, c.lesson_number, c.lesson_name, c.reached, coalesce(s.learners, 0)
            FROM course c LEFT JOIN stopped s ON s.place = c.place
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
