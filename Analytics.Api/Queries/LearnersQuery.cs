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

    // Per learner (per_user: user_id, started, completed, last_seen, recent, previous) scored. Only the columns a
    // page may be sorted by are computed for every learner; names and inactive days only for the page's learners.
    private const string Scored = $$"""
        scored AS (
            SELECT p.*,
                   CASE WHEN (SELECT count(*) FROM {{AnalysisSchema.Lessons.Table}}) = 0 THEN 0
                        ELSE round(p.completed::numeric / (SELECT count(*) FROM {{AnalysisSchema.Lessons.Table}}), 4)::float8 END AS progress,
                   CASE WHEN p.completed > 0 AND p.completed = (SELECT count(*) FROM {{AnalysisSchema.Lessons.Table}}) THEN 0
                        ELSE round((least(1, extract(epoch FROM {asOf}::timestamptz - p.last_seen) / 86400 / {inactiveAfter}) * 0.5
                              + CASE WHEN p.previous > 0 AND p.recent * 2 < p.previous THEN 0.25 ELSE 0 END
                              + CASE WHEN p.started > p.completed THEN 0.25 ELSE 0 END)::numeric, 4)::float8 END AS risk
            FROM per_user p)
        """;

    private const string Columns = "user_id, display_name, started, completed, progress, last_seen, risk, inactive_days, recent, previous";

    public static async Task<PagedList<LearnerSummary>> RunAsync(
        AnalysisReader reader, AnalyticsFilter filter, Paging paging, AnalyticsOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var asOf = filter.To ?? time.GetUtcNow();
        var source = await SourcePlanner.LearnersAsync(reader.DataSource, filter, asOf, cancellationToken);
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = PageSql(command, filter, paging, options, asOf, source);
        // The total rides on every row of the page, and on a row of nulls when the page is past the end.
        var items = new List<LearnerSummary>();
        long learners = 0;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            learners = rows.GetInt64(10);
            if (!rows.IsDBNull(0))
            {
                items.Add(ReadSummary(rows, options));
            }
        }
        return new PagedList<LearnerSummary>(items, paging.Page, paging.PageSize, learners);
    }

    public static async Task<LearnerDetail?> FindAsync(
        AnalysisReader reader, string userId, AnalyticsFilter filter, AnalyticsOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var asOf = filter.To ?? time.GetUtcNow();
        var source = await SourcePlanner.LearnersAsync(reader.DataSource, filter, asOf, cancellationToken);
        LearnerSummary? summary;
        await using (var command = reader.DataSource.CreateCommand())
        {
            command.CommandText = LearnerSql(command, userId, filter, options, asOf, source);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            summary = await rows.ReadAsync(cancellationToken) ? ReadSummary(rows, options) : null;
        }
        if (summary is null)
        {
            return null;
        }

        await using var timeline = reader.DataSource.CreateCommand();
        timeline.CommandText = TimelineSql(timeline, userId, filter);
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

    /// <summary>A page of the learners list as of <paramref name="asOfTime"/>, per learner from <paramref name="source"/>.</summary>
    internal static string PageSql(
        NpgsqlCommand command, AnalyticsFilter filter, Paging paging, AnalyticsOptions options, DateTimeOffset asOfTime, AnalysisSource source)
    {
        var (cte, asOf, total) = Prepare(command, filter, options, asOfTime, source);
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        var order = paging.OrderBy(Sortable, "user_id");
        return $"""
            WITH {cte},
            page AS (SELECT * FROM scored {order} LIMIT {limit} OFFSET {offset})
            SELECT {Columns}, total.learners
            FROM ({total}) AS total LEFT JOIN ({Named("page", asOf)}) AS named ON true
            {order}
            """;
    }

    /// <summary>One learner's summary, as the learners list computes it.</summary>
    internal static string LearnerSql(
        NpgsqlCommand command, string userId, AnalyticsFilter filter, AnalyticsOptions options, DateTimeOffset asOfTime, AnalysisSource source)
    {
        var (cte, asOf, _) = Prepare(command, filter, options, asOfTime, source);
        var user = command.Add(userId);
        return $"""
            WITH {cte}
            SELECT {Columns} FROM ({Named("scored", asOf)} WHERE user_id = {user}) AS named
            """;
    }

    /// <summary>One learner's latest 500 events with their answers.</summary>
    internal static string TimelineSql(NpgsqlCommand command, string userId, AnalyticsFilter filter)
    {
        var where = filter.Where("a", command);
        var user = command.Add(userId);
        return $"""
            SELECT a."timestamp", a.verb, a.lesson_url, a.question_id, r.response_text
            FROM {AnalysisSchema.UserActivities.Table} a LEFT JOIN {AnalysisSchema.UserResponses.Table} r ON r.statement_id = a.statement_id
            WHERE a.user_id = {user} AND {where}
            ORDER BY a."timestamp" DESC, a.statement_id
            LIMIT 500
            """;
    }

    /// <summary>The rows of <paramref name="source"/> (a CTE of scored learners) with their names and days inactive.</summary>
    private static string Named(string source, string asOf) => $"""
        SELECT s.*, u.display_name, extract(epoch FROM {asOf}::timestamptz - s.last_seen) / 86400 AS inactive_days
        FROM {source} s JOIN {AnalysisSchema.Users.Table} u USING (user_id)
        """;

    /// <summary>
    /// The CTEs <c>per_user</c> and <c>scored</c>, the as-of parameter, and a query counting the learners (column
    /// <c>learners</c>; from the totals, without materializing <c>per_user</c> for a second reader). Per learner from
    /// the learner totals when they answer the filter exactly (<paramref name="source"/>, from <see cref="SourcePlanner.LearnersAsync"/>), with the last
    /// two weeks' statements from their days; else from the learner-lesson pairs (<see cref="LearnerLessons"/>)
    /// grouped by learner. No row either reads spans the as-of instant or the week boundaries before it, so a row's
    /// statements are all in a window or none are.
    /// </summary>
    private static (string Cte, string AsOf, string Total) Prepare(
        NpgsqlCommand command, AnalyticsFilter filter, AnalyticsOptions options, DateTimeOffset asOfTime, AnalysisSource source)
    {
        var asOf = command.Add(asOfTime.UtcDateTime);
        // Computed once per query, as in the overview (OverviewQuery).
        var weekAgo = $"(SELECT {asOf}::timestamptz - interval '7 days')";
        var twoWeeksAgo = $"(SELECT {asOf}::timestamptz - interval '14 days')";
        string[] cuts = [$"{asOf}::timestamptz", weekAgo, twoWeeksAgo];
        var recent = $"CASE WHEN first_at > {weekAgo} THEN statements ELSE 0 END";
        var previous = $"CASE WHEN first_at > {twoWeeksAgo} AND last_at <= {weekAgo} THEN statements ELSE 0 END";
        string perUser, total;
        if (source == AnalysisSource.LearnerTotals)
        {
            var learners = LearnerTotals.Where(filter, command);
            perUser = $"""
                {LearnerTotals.RecentDays(filter, command, cuts, twoWeeksAgo)},
                windows AS (SELECT user_id, sum({recent})::bigint AS recent, sum({previous})::bigint AS previous FROM days GROUP BY user_id),
                per_user AS (
                    SELECT t.user_id, t.lessons_started::bigint AS started, t.lessons_completed::bigint AS completed, t.last_at AS last_seen,
                           coalesce(w.recent, 0) AS recent, coalesce(w.previous, 0) AS previous
                    FROM {AnalysisSchema.LearnerTotals.Table} t LEFT JOIN windows w ON w.user_id = t.user_id
                    WHERE {learners})
                """;
            total = $"SELECT count(*) AS learners FROM {AnalysisSchema.LearnerTotals.Table} t WHERE {learners}";
        }
        else
        {
            var pairs = LearnerLessons.Cte(filter, command, cuts,
            [
                new("done", "bool_or", "completions > 0"),
                new("last_seen", "max", "last_at"),
                new("recent", "sum", recent),
                new("previous", "sum", previous),
            ], where: $"last_at <= {asOf}");
            perUser = $"""
                {pairs},
                per_user AS (
                    SELECT user_id, count(lesson_url) AS started, count(lesson_url) FILTER (WHERE done) AS completed,
                           max(last_seen) AS last_seen, sum(recent)::bigint AS recent, sum(previous)::bigint AS previous
                    FROM pairs
                    GROUP BY user_id)
                """;
            total = "SELECT count(*) AS learners FROM per_user";
        }
        var inactiveAfter = command.Add((double)options.InactiveAfterDays);
        return (perUser + ",\n" + Scored.Replace("{asOf}", asOf).Replace("{inactiveAfter}", inactiveAfter), asOf, total);
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
