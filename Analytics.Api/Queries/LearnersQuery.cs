using Npgsql;

namespace Analytics.Api.Queries;

public sealed record LearnerSummary(
    string UserId, string? DisplayName, long LessonsStarted, long LessonsCompleted, double Progress, DateTimeOffset LastSeen,
    double AtRiskScore, IReadOnlyList<string> RiskReasons);

public sealed record LearnerEvent(DateTimeOffset Timestamp, string Verb, string? LessonUrl, string? QuestionId, string? Response);

public sealed record LearnerDetail(LearnerSummary Summary, IReadOnlyList<LearnerEvent> Timeline);

/// <summary>
/// Learners with progress, last activity and a churn-risk score. The heuristic (documented in docs/analytics.md):
/// inactivity counts up to 0.5 (days since the last statement over <see cref="AnalyticsOptions.InactiveAfterDays"/>),
/// declining activity 0.25 (the last 7 days have fewer than half the statements of the 7 before), an unfinished
/// lesson 0.25. Learners who completed every lesson they can see have no risk. Times count back from <c>to</c> or now.
/// </summary>
public static class LearnersQuery
{
    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["userId"] = "user_id",
        ["lastSeen"] = "last_seen",
        ["lessonsCompleted"] = "completed",
        ["progress"] = "progress",
        ["atRisk"] = "risk",
    };

    // Learner-lesson pairs (LearnerLessons) grouped by learner. No row they are computed from spans the as-of
    // instant or the week boundaries before it, so a row's statements are all in a window or none are.
    private const string Aggregates = """
        per_user AS (
            SELECT user_id, count(lesson_url) AS started, count(lesson_url) FILTER (WHERE done) AS completed,
                   max(last_seen) AS last_seen, sum(recent)::bigint AS recent, sum(previous)::bigint AS previous
            FROM pairs
            GROUP BY user_id),
        scored AS (
            SELECT p.*, u.display_name,
                   CASE WHEN (SELECT count(*) FROM analysis.lessons) = 0 THEN 0
                        ELSE round(p.completed::numeric / (SELECT count(*) FROM analysis.lessons), 4)::float8 END AS progress,
                   extract(epoch FROM {asOf}::timestamptz - p.last_seen) / 86400 AS inactive_days,
                   CASE WHEN p.completed > 0 AND p.completed = (SELECT count(*) FROM analysis.lessons) THEN 0
                        ELSE round((least(1, extract(epoch FROM {asOf}::timestamptz - p.last_seen) / 86400 / {inactiveAfter}) * 0.5
                              + CASE WHEN p.previous > 0 AND p.recent * 2 < p.previous THEN 0.25 ELSE 0 END
                              + CASE WHEN p.started > p.completed THEN 0.25 ELSE 0 END)::numeric, 4)::float8 END AS risk
            FROM per_user p JOIN analysis.users u ON u.user_id = p.user_id)
        """;

    public static async Task<PagedList<LearnerSummary>> RunAsync(
        AnalysisReader reader, AnalyticsFilter filter, Paging paging, AnalyticsOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        var cte = Prepare(command, filter, options, time);
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        command.CommandText = $"""
            WITH {cte}
            SELECT user_id, display_name, started, completed, progress, last_seen, risk, inactive_days, recent, previous, count(*) OVER ()
            FROM scored
            {paging.OrderBy(Sortable, "user_id")}
            LIMIT {limit} OFFSET {offset}
            """;
        var items = new List<LearnerSummary>();
        long total = 0;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            items.Add(ReadSummary(rows, options));
            total = rows.GetInt64(10);
        }
        return new PagedList<LearnerSummary>(items, paging.Page, paging.PageSize, total);
    }

    public static async Task<LearnerDetail?> FindAsync(
        AnalysisReader reader, string userId, AnalyticsFilter filter, AnalyticsOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        LearnerSummary? summary;
        await using (var command = reader.DataSource.CreateCommand())
        {
            var cte = Prepare(command, filter, options, time);
            var user = command.Add(userId);
            command.CommandText = $"""
                WITH {cte}
                SELECT user_id, display_name, started, completed, progress, last_seen, risk, inactive_days, recent, previous
                FROM scored WHERE user_id = {user}
                """;
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            summary = await rows.ReadAsync(cancellationToken) ? ReadSummary(rows, options) : null;
        }
        if (summary is null)
        {
            return null;
        }

        await using var timeline = reader.DataSource.CreateCommand();
        var where = filter.Where("a", timeline);
        var timelineUser = timeline.Add(userId);
        timeline.CommandText = $"""
            SELECT a."timestamp", a.verb, a.lesson_url, a.question_id, r.response_text
            FROM analysis.user_activities a LEFT JOIN analysis.user_responses r ON r.statement_id = a.statement_id
            WHERE a.user_id = {timelineUser} AND {where}
            ORDER BY a."timestamp" DESC, a.statement_id
            LIMIT 500
            """;
        var events = new List<LearnerEvent>();
        await using var eventRows = await timeline.ExecuteReaderAsync(cancellationToken);
        while (await eventRows.ReadAsync(cancellationToken))
        {
            events.Add(new LearnerEvent(eventRows.GetFieldValue<DateTimeOffset>(0), eventRows.GetString(1),
                eventRows.IsDBNull(2) ? null : eventRows.GetString(2), eventRows.IsDBNull(3) ? null : eventRows.GetString(3),
                eventRows.IsDBNull(4) ? null : eventRows.GetString(4)));
        }
        return new LearnerDetail(summary, events);
    }

    private static string Prepare(NpgsqlCommand command, AnalyticsFilter filter, AnalyticsOptions options, TimeProvider time)
    {
        var asOf = command.Add((filter.To ?? time.GetUtcNow()).UtcDateTime);
        // Computed once per query, as in the overview (OverviewQuery).
        var weekAgo = $"(SELECT {asOf}::timestamptz - interval '7 days')";
        var twoWeeksAgo = $"(SELECT {asOf}::timestamptz - interval '14 days')";
        var pairs = LearnerLessons.Cte(filter, command, [$"{asOf}::timestamptz", weekAgo, twoWeeksAgo],
        [
            new("done", "bool_or", "completions > 0"),
            new("last_seen", "max", "last_at"),
            new("recent", "sum", $"CASE WHEN first_at > {weekAgo} THEN statements ELSE 0 END"),
            new("previous", "sum", $"CASE WHEN first_at > {twoWeeksAgo} AND last_at <= {weekAgo} THEN statements ELSE 0 END"),
        ], where: $"last_at <= {asOf}");
        var inactiveAfter = command.Add((double)options.InactiveAfterDays);
        return pairs + ",\n" + Aggregates.Replace("{asOf}", asOf).Replace("{inactiveAfter}", inactiveAfter);
    }

    private static LearnerSummary ReadSummary(NpgsqlDataReader rows, AnalyticsOptions options)
    {
        var started = rows.GetInt64(2);
        var completed = rows.GetInt64(3);
        var risk = rows.GetDouble(6);
        var inactiveDays = rows.GetDouble(7);
        var (recent, previous) = (rows.GetInt64(8), rows.GetInt64(9));
        var reasons = new List<string>();
        if (risk > 0)
        {
            if (inactiveDays >= 1)
            {
                reasons.Add($"inactive for {Math.Floor(inactiveDays)} days (threshold {options.InactiveAfterDays})");
            }
            if (previous > 0 && recent * 2 < previous)
            {
                reasons.Add($"activity fell from {previous} to {recent} statements a week");
            }
            if (started > completed)
            {
                reasons.Add($"{started - completed} lesson(s) started but not completed");
            }
        }
        return new LearnerSummary(rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1), started, completed,
            rows.GetDouble(4), rows.GetFieldValue<DateTimeOffset>(5), risk, reasons);
    }
}
