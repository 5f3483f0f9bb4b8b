using Npgsql;

namespace Analytics.Api.Queries;

/// <param name="Started">Distinct learners with any statement in the lesson.</param>
/// <param name="Completed">Distinct learners with a (non-voided) completed statement on the lesson itself.</param>
public sealed record LessonStats(
    string LessonUrl, string? LessonNumber, string? LessonName, long Started, long Completed, double CompletionRate, double? MedianMinutesToComplete);

/// <summary>
/// Per lesson: started, completed, completion rate, median time from first statement to completion. Over all time and
/// every learner from the whole-time pairs and an index of their times to completion; else from the filter's pairs.
/// </summary>
public static class LessonsQuery
{
    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["lessonUrl"] = "lesson_url",
        ["lessonNumber"] = "lesson_number",
        ["started"] = "started",
        ["completed"] = "completed",
        ["completionRate"] = "completion_rate",
    };

    public static async Task<PagedList<LessonStats>> RunAsync(AnalysisReader reader, AnalyticsFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = Sql(command, filter, paging);
        var items = new List<LessonStats>();
        long total = 0;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            items.Add(new LessonStats(
                rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.GetInt64(3), rows.GetInt64(4), rows.GetDouble(5), rows.IsDBNull(6) ? null : Math.Round(rows.GetDouble(6), 2)));
            total = rows.GetInt64(7);
        }
        return new PagedList<LessonStats>(items, paging.Page, paging.PageSize, total);
    }

    internal static string Sql(NpgsqlCommand command, AnalyticsFilter filter, Paging paging)
    {
        var perLesson = SourcePlanner.Lessons(filter) == AnalysisSource.LessonCompletionTimes ? FromCompletionTimes(filter, command) : FromPairs(filter, command);
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        // Joined to the lesson's name only after grouping, so 10 rows carry it rather than every pair.
        return $"""
            WITH {perLesson},
            stats AS (
                SELECT p.lesson_url COLLATE "default" AS lesson_url, l.lesson_number, l.lesson_name, p.started, p.completed,
                       round(p.completed::numeric / p.started, 4)::float8 AS completion_rate, p.median_minutes
                FROM per_lesson p LEFT JOIN {AnalysisSchema.Lessons.Table} l ON l.lesson_url = p.lesson_url)
            SELECT lesson_url, lesson_number, lesson_name, started, completed, completion_rate, median_minutes, count(*) OVER () AS total
            FROM stats
            {paging.OrderBy(Sortable, "lesson_url")}
            LIMIT {limit} OFFSET {offset}
            """;
    }

    /// <summary>
    /// <c>per_lesson</c> (lesson_url, started, completed, median_minutes) from the learner-lesson pairs of the filter
    /// (<see cref="LearnerLessons"/>). The median needs each lesson's pairs sorted by lesson: sorted byte-wise ("C"),
    /// which costs a fraction of the database's locale-aware comparison.
    /// </summary>
    private static string FromPairs(AnalyticsFilter filter, NpgsqlCommand command) => $"""
        {LearnerLessons.Cte(filter, command, [], [new("first_at", "min", "first_at"), new("completed_at", "min", "first_completed_at")])},
        per_lesson AS (
            SELECT lesson_url COLLATE "C" AS lesson_url, count(*) AS started, count(completed_at) AS completed,
                   (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - first_at))
                        FILTER (WHERE completed_at IS NOT NULL)) / 60 AS median_minutes
            FROM pairs
            WHERE lesson_url IS NOT NULL
            GROUP BY 1)
        """;

    /// <summary>
    /// <c>per_lesson</c> over all time (every learner; one lesson with the lesson filter): counted from the
    /// whole-time pairs, and the median read from the middle of each lesson's entries in the index of completed pairs
    /// by time to completion (<c>ix_learner_lessons_completion_time</c>) instead of sorting 100,000 pairs. It is
    /// percentile_cont(0.5) as PostgreSQL computes it: the middle value of an odd count; of an even one, the lower
    /// middle value plus half the difference to the upper one (float8_lerp), so the answers are the same to the bit.
    /// </summary>
    private static string FromCompletionTimes(AnalyticsFilter filter, NpgsqlCommand command)
    {
        var lesson = filter.Lesson is { } url ? $"AND lesson_url = {command.Add(url)}" : "";
        const string completionSeconds = "extract(epoch FROM c.first_completed_at - c.first_at)";
        return $"""
            counts AS (
                SELECT lesson_url, count(*) AS started, count(first_completed_at) AS completed
                FROM {AnalysisSchema.LearnerLessons.Table}
                WHERE statements > 0 AND lesson_url <> '' {lesson}
                GROUP BY lesson_url),
            per_lesson AS (
                SELECT p.lesson_url, p.started, p.completed, m.median / 60 AS median_minutes
                FROM counts p, LATERAL (
                    SELECT CASE WHEN p.completed = 0 THEN NULL
                                WHEN p.completed % 2 = 1 THEN min(seconds)
                                ELSE min(seconds) + (max(seconds) - min(seconds)) * 0.5 END AS median
                    FROM (SELECT {completionSeconds}::float8 AS seconds
                          FROM {AnalysisSchema.LearnerLessons.Table} c
                          WHERE c.lesson_url = p.lesson_url AND c.first_completed_at IS NOT NULL
                          ORDER BY {completionSeconds}
                          OFFSET (p.completed - 1) / 2 LIMIT 2 - p.completed % 2) AS middle) AS m)
            """;
    }
}
