namespace Analytics.Api.Queries;

/// <param name="Cohort">The Monday of the week of the learners' first statement; null when not split by cohort.</param>
public sealed record EngagementPoint(DateOnly Period, DateOnly? Cohort, long ActiveLearners, long Statements);

/// <summary>Active learners and statements per day or ISO week (by statement time, UTC), optionally per cohort.</summary>
public static class EngagementQuery
{
    public static async Task<IReadOnlyList<EngagementPoint>> RunAsync(
        AnalysisReader reader, AnalyticsFilter filter, bool weekly, bool byCohort, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        var days = LearnerLessonDays.Cte(filter, command, []);
        var period = weekly ? "date_trunc('week', day::timestamp)::date" : "day";
        var cohort = byCohort ? "date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date" : "NULL::date";
        // Learner-lesson-days grouped by period and learner first, then counted per period: distinct learners
        // from a hash aggregate; each learner has one cohort.
        command.CommandText = $"""
            WITH {days},
            per_learner AS (
                SELECT {period} AS period, user_id, sum(statements) AS statements
                FROM days
                GROUP BY 1, 2)
            SELECT p.period, {cohort} AS cohort, count(*), sum(p.statements)::bigint
            FROM per_learner p {(byCohort ? "JOIN analysis.users u ON u.user_id = p.user_id" : "")}
            GROUP BY 1, 2
            ORDER BY 1, 2
            """;
        var points = new List<EngagementPoint>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            points.Add(new EngagementPoint(rows.GetFieldValue<DateOnly>(0), rows.IsDBNull(1) ? null : rows.GetFieldValue<DateOnly>(1), rows.GetInt64(2), rows.GetInt64(3)));
        }
        return points;
    }
}
