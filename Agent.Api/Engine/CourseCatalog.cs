using Agent.Api.Guard;

namespace Agent.Api.Engine;

/// <summary>A lesson as questions name it: its place in the course order (what "lesson 3" means), name and URL.</summary>
public sealed record CatalogLesson(int Place, string Url, string? Number, string Name);

/// <summary>A cohort: the learners whose first statement fell in the week starting <see cref="Week"/> (Monday, UTC).</summary>
public sealed record CatalogCohort(string Letter, DateOnly Week, long Learners);

/// <summary>What the offline parser resolves names against, read through the guard like every other query.</summary>
public sealed record CourseCatalog(IReadOnlyList<CatalogLesson> Lessons, IReadOnlyList<CatalogCohort> Cohorts, DateTimeOffset? AsOf)
{
    /// <summary>
    /// The course order the analytics dropoff uses: the catalogue's lesson number when it is loaded, then the order in
    /// which learners first reached the lessons. Shared by every verified query as the <c>course</c> CTE.
    /// </summary>
    public const string CourseCte = """
        course AS (
            SELECT lesson_url, coalesce(lesson_name, lesson_slug, lesson_url) AS lesson_name,
                   row_number() OVER (ORDER BY CASE WHEN lesson_number ~ '^[0-9]+$' THEN lesson_number::int END NULLS LAST,
                                               lesson_number NULLS LAST, first_seen, lesson_url)::int AS lesson
            FROM analysis.lessons)
        """;

    private const string Sql = $"""
        WITH {CourseCte},
        cohorts AS (
            SELECT date_trunc('week', first_seen AT TIME ZONE 'UTC')::date AS week, count(*) AS learners
            FROM analysis.users GROUP BY 1)
        SELECT 'lesson', c.lesson, c.lesson_url, l.lesson_number, c.lesson_name, NULL::date, NULL::bigint, NULL::timestamptz FROM course c JOIN analysis.lessons l USING (lesson_url)
        UNION ALL
        SELECT 'cohort', NULL, NULL, NULL, NULL, week, learners, NULL FROM cohorts
        UNION ALL
        SELECT 'as_of', NULL, NULL, NULL, NULL, NULL, NULL, max("timestamp") FROM analysis.user_activities
        """;

    public static async Task<CourseCatalog> LoadAsync(SqlGuard guard, CancellationToken cancellationToken)
    {
        var outcome = await guard.RunAsync(Sql, [], cancellationToken);
        if (outcome.Result is not { } result)
        {
            throw new InvalidOperationException($"The course catalogue query was refused: {outcome.Refusal!.Reason}");
        }
        var lessons = new List<CatalogLesson>();
        var weeks = new List<(DateOnly Week, long Learners)>();
        DateTimeOffset? asOf = null;
        foreach (var row in result.Rows)
        {
            switch ((string)row[0]!)
            {
                case "lesson":
                    lessons.Add(new CatalogLesson(Convert.ToInt32(row[1]), (string)row[2]!, row[3] as string, (string)row[4]!));
                    break;
                case "cohort":
                    weeks.Add((DateOnly.Parse((string)row[5]!), Convert.ToInt64(row[6])));
                    break;
                default:
                    asOf = row[7] is string time ? DateTimeOffset.Parse(time) : null;
                    break;
            }
        }
        var cohorts = weeks.OrderBy(week => week.Week)
            .Select((week, index) => new CatalogCohort(index < 26 ? ((char)('A' + index)).ToString() : (index + 1).ToString(), week.Week, week.Learners))
            .ToList();
        return new CourseCatalog(lessons.OrderBy(lesson => lesson.Place).ToList(), cohorts, asOf);
    }
}
