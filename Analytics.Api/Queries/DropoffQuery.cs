using Npgsql;

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
        command.CommandText = Sql(command, filter);
        var steps = new List<DropoffStep>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            steps.Add(new DropoffStep((int)rows.GetInt64(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.IsDBNull(3) ? null : rows.GetString(3), rows.GetInt64(4), rows.GetInt64(5)));
        }
        return steps;
    }

    internal static string Sql(NpgsqlCommand command, AnalyticsFilter filter)
    {
        // The funnel spans the whole course: a lesson filter would cut it to one step.
        var pairs = LearnerLessons.Cte(filter, command, [], [new("statements", "sum", "statements")], includeLesson: false);
        // Everything is computed from the learner-lesson pairs in one pass with two hash tables (GROUPING SETS): per
        // lesson the learners who reached it, per learner the furthest place of their lessons in the course order. Each
        // pair's place comes from a join to every lesson numbered in course order (ten rows hashed once; lessons without
        // pairs in it do not change which of a learner's lessons is furthest), and the lessons are grouped by that
        // number rather than by their URL. Before, each pair looked its place up in an array of the lessons' URLs
        // (array_position: up to one text comparison per lesson), about 15 % of the query. Earlier still the pairs were
        // materialized once and grouped twice, and before that the planner, misjudging the course's size, sorted every
        // pair by lesson for a merge join.
        return $"""
            WITH {pairs},
            {CourseLessonsQuery.CourseCte},
            groups AS (
                SELECT GROUPING(p.user_id) = 0 AS per_learner, max(c.place) AS place, count(*) AS reached
                FROM pairs p JOIN course c ON c.lesson_url = p.lesson_url
                GROUP BY GROUPING SETS ((c.place), (p.user_id))),
            stopped AS (SELECT place, count(*) AS learners FROM groups WHERE per_learner GROUP BY place)
            SELECT row_number() OVER (ORDER BY c.place), c.lesson_url, c.lesson_number, c.lesson_name, g.reached, coalesce(s.learners, 0)
            FROM groups g JOIN course c ON c.place = g.place LEFT JOIN stopped s ON s.place = g.place
            WHERE NOT g.per_learner
            ORDER BY c.place
            """;
    }
}
