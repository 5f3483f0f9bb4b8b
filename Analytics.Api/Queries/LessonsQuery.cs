namespace Analytics.Api.Queries;

/// <param name="Started">Distinct learners with any statement in the lesson.</param>
/// <param name="Completed">Distinct learners with a (non-voided) completed statement on the lesson itself.</param>
public sealed record LessonStats(
    string LessonUrl, string? LessonNumber, string? LessonName, long Started, long Completed, double CompletionRate, double? MedianMinutesToComplete);

/// <summary>Per lesson: started, completed, completion rate, median time from first statement to completion.</summary>
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
        var pairs = LearnerLessons.Cte(filter, command, [], [new("first_at", "min", "first_at"), new("completed_at", "min", "first_completed_at")]);
        // The median needs each lesson's pairs sorted by lesson: sorted byte-wise ("C"), which costs a fraction of
        // the database's locale-aware comparison, and joined to the lesson's name only after, so 10 rows carry it
        // rather than every pair. The answer's order is the usual one again.
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        command.CommandText = $"""
            WITH {pairs},
            per_lesson AS (
                SELECT lesson_url COLLATE "C" AS lesson_url, count(*) AS started, count(completed_at) AS completed,
                       (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - first_at))
                            FILTER (WHERE completed_at IS NOT NULL)) / 60 AS median_minutes
                FROM pairs
                WHERE lesson_url IS NOT NULL
                GROUP BY 1),
            stats AS (
                SELECT p.lesson_url COLLATE "default" AS lesson_url, l.lesson_number, l.lesson_name, p.started, p.completed,
                       round(p.completed::numeric / p.started, 4)::float8 AS completion_rate, p.median_minutes
                FROM per_lesson p LEFT JOIN analysis.lessons l ON l.lesson_url = p.lesson_url)
            SELECT lesson_url, lesson_number, lesson_name, started, completed, completion_rate, median_minutes, count(*) OVER () AS total
            FROM stats
            {paging.OrderBy(Sortable, "lesson_url")}
            LIMIT {limit} OFFSET {offset}
            """;
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
}
