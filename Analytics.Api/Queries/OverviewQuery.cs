using Npgsql;

namespace Analytics.Api.Queries;

public sealed record Overview(
    long Learners, long ActiveLearners7Days, long ActiveLearners30Days, long Statements, long Lessons, double CompletionRate, long Responses, DateTimeOffset AsOf);

/// <summary>
/// The headline numbers. "Active" counts back from <c>to</c> when given, else from now. Read from the learner totals
/// when they answer the filter exactly (<see cref="SourcePlanner.LearnersAsync"/>), else from learner-lesson pairs.
/// </summary>
public static class OverviewQuery
{
    public static async Task<Overview> RunAsync(AnalysisReader reader, AnalyticsFilter filter, TimeProvider time, CancellationToken cancellationToken)
    {
        var asOf = filter.To ?? time.GetUtcNow();
        var source = await SourcePlanner.LearnersAsync(reader.DataSource, filter, asOf, cancellationToken);
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = Sql(command, filter, asOf, source);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        await rows.ReadAsync(cancellationToken);
        return new Overview(rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3), rows.GetInt64(4), rows.GetDouble(5), rows.GetInt64(6), asOf);
    }

    /// <summary>The overview's query as of <paramref name="asOf"/>, from the learner totals or (any other source) the pairs.</summary>
    internal static string Sql(NpgsqlCommand command, AnalyticsFilter filter, DateTimeOffset asOf, AnalysisSource source)
    {
        var asOfParameter = command.Add(asOf.UtcDateTime);
        // Subqueries, so PostgreSQL computes each window's start once (an InitPlan), not on every row it compares with
        // it: subtracting days from a timestamptz goes through the session's time zone rules, which cost more than
        // the rest of the row's work.
        var weekAgo = $"(SELECT {asOfParameter}::timestamptz - interval '7 days')";
        var monthAgo = $"(SELECT {asOfParameter}::timestamptz - interval '30 days')";
        string[] cuts = [$"{asOfParameter}::timestamptz", weekAgo, monthAgo];
        if (source == AnalysisSource.LearnerTotals)
        {
            // One row per learner; the windows from the last 30 days' learner-lesson-days, none of which spans a cut
            // (and every statement lies before the as-of instant). Lessons with an activity found through the
            // learner-lessons' key, one lesson at a time, instead of grouping every pair by lesson.
            var learners = LearnerTotals.Where(filter, command);
            return $"""
                WITH {LearnerTotals.RecentDays(filter, command, cuts, monthAgo)},
                active AS (SELECT user_id, bool_or(first_at > {weekAgo}) AS active_7_days FROM days WHERE first_at > {monthAgo} GROUP BY user_id)
                SELECT count(*), (SELECT count(*) FILTER (WHERE active_7_days) FROM active), (SELECT count(*) FROM active),
                       coalesce(sum(t.statements), 0)::bigint,
                       (SELECT count(*) FROM {AnalysisSchema.Lessons.Table} l
                        WHERE EXISTS (SELECT 1 FROM {AnalysisSchema.LearnerLessons.Table} t WHERE t.lesson_url = l.lesson_url AND t.statements > 0 AND {learners})),
                       coalesce(round(sum(t.lessons_completed)::numeric / nullif(sum(t.lessons_started), 0), 4), 0)::float8,
                       coalesce(sum(t.responses), 0)::bigint
                FROM {AnalysisSchema.LearnerTotals.Table} t
                WHERE {learners}
                """;
        }

        // No row spans the activity windows' ends, so a row is in a window when its first and last statement are.
        var pairs = LearnerLessons.Cte(filter, command, cuts,
        [
            new("statements", "sum", "statements"),
            new("responses", "sum", "responses"),
            new("done", "bool_or", "completions > 0"),
            new("active_7_days", "bool_or", $"first_at > {weekAgo} AND last_at <= {asOfParameter}"),
            new("active_30_days", "bool_or", $"first_at > {monthAgo} AND last_at <= {asOfParameter}"),
        ]);
        // The pairs grouped by learner and by lesson in one pass (two hash tables), then counted: cheaper than
        // count(DISTINCT ...), which sorts every pair.
        return $"""
            WITH {pairs},
            groups AS (
                SELECT GROUPING(user_id) = 0 AS per_learner, lesson_url,
                       bool_or(active_7_days) AS active_7_days, bool_or(active_30_days) AS active_30_days,
                       sum(statements) AS statements, sum(responses) AS responses, count(*) AS pairs, count(*) FILTER (WHERE done) AS done
                FROM pairs
                GROUP BY GROUPING SETS ((user_id), (lesson_url)))
            SELECT count(*) FILTER (WHERE per_learner),
                   count(*) FILTER (WHERE per_learner AND active_7_days),
                   count(*) FILTER (WHERE per_learner AND active_30_days),
                   coalesce(sum(statements) FILTER (WHERE per_learner), 0)::bigint,
                   count(lesson_url) FILTER (WHERE NOT per_learner),
                   coalesce(round(sum(done) FILTER (WHERE NOT per_learner AND lesson_url IS NOT NULL)
                                  / nullif(sum(pairs) FILTER (WHERE NOT per_learner AND lesson_url IS NOT NULL), 0), 4), 0)::float8,
                   coalesce(sum(responses) FILTER (WHERE per_learner), 0)::bigint
            FROM groups
            """;
    }
}
