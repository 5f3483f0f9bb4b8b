using Npgsql;

namespace Normalizer.Worker.Processing;

/// <summary>
/// SQL for the summary table <c>learner_lesson_days</c>: per learner, lesson and UTC day, the sums of the fact
/// rows. Fact inserts fold the rows they actually inserted into it in the same statement
/// (<see cref="FactTable{TRow}"/>), so a re-delivered statement, which inserts nothing, adds nothing; voiding,
/// which deletes fact rows, recomputes the keys it touched from the facts that remain.
/// </summary>
internal sealed class LearnerLessonDays(string schema)
{
    public const string TableName = "learner_lesson_days";

    /// <summary>What analytics counts as completing a lesson: a completed statement on the lesson, not on a question.</summary>
    private const string IsCompletion = "activity_type = 'http://adlnet.gov/expapi/verbs/completed' AND question_id IS NULL";

    private const string Key = "user_id, lesson_url, day";

    public string Table => TableName;

    /// <summary>Adds the activity rows of <paramref name="inserted"/> (a CTE of inserted rows).</summary>
    public static string AddActivities(string schema, string inserted) => Add(schema, ActivitySums($"SELECT * FROM {inserted}"));

    /// <summary>Adds the response rows of <paramref name="inserted"/> (a CTE of inserted rows).</summary>
    public static string AddResponses(string schema, string inserted) => Add(schema, ResponseSums($"SELECT * FROM {inserted}"));

    /// <summary>
    /// Recomputes these keys (learner, lesson or "", day) from the fact rows that remain: after voiding. Locks the
    /// rows first, in key order, then reads, so a concurrent insert either committed before (and is read) or
    /// waits and adds itself to the recomputed row.
    /// </summary>
    public IEnumerable<NpgsqlBatchCommand> Recompute(IReadOnlyCollection<(string UserId, string LessonUrl, DateOnly Day)> keys)
    {
        const string keysTable = $"unnest($1::text[], $2::text[], $3::date[]) AS k({Key})";
        const string facts = """
            JOIN keys k ON f.user_id = k.user_id AND coalesce(f.lesson_url, '') = k.lesson_url
             AND f."timestamp" >= k.day::timestamp AT TIME ZONE 'UTC' AND f."timestamp" < (k.day + 1)::timestamp AT TIME ZONE 'UTC'
            """;
        var table = $"{schema}.{TableName}";
        yield return WithKeys($"SELECT 1 FROM {table} t JOIN {keysTable} USING ({Key}) ORDER BY {Key} FOR UPDATE OF t", keys);
        yield return WithKeys($"DELETE FROM {table} t USING {keysTable} WHERE (t.user_id, t.lesson_url, t.day) = (k.user_id, k.lesson_url, k.day)", keys);
        // Nothing conflicts unless a concurrent insert created a key this voiding emptied: that row is already right.
        yield return WithKeys($"""
            WITH keys AS (SELECT * FROM {keysTable})
            {Add(schema, $"""
                {ActivitySums($"SELECT f.* FROM {schema}.user_activities f {facts}")}
                UNION ALL
                {ResponseSums($"SELECT f.* FROM {schema}.user_responses f {facts}")}
                """, onConflict: "DO NOTHING")}
            """, keys);
    }

    private static string ActivitySums(string rows) => $"""
        SELECT user_id, coalesce(lesson_url, '') AS lesson_url, ("timestamp" AT TIME ZONE 'UTC')::date AS day,
               count(*) AS statements, count(*) FILTER (WHERE {IsCompletion}) AS completions, 0 AS responses,
               min("timestamp") AS first_at, max("timestamp") AS last_at, min("timestamp") FILTER (WHERE {IsCompletion}) AS first_completed_at
        FROM ({rows}) AS a GROUP BY 1, 2, 3
        """;

    private static string ResponseSums(string rows) => $"""
        SELECT user_id, coalesce(lesson_url, '') AS lesson_url, ("timestamp" AT TIME ZONE 'UTC')::date AS day,
               0 AS statements, 0 AS completions, count(*) AS responses,
               NULL::timestamptz AS first_at, NULL::timestamptz AS last_at, NULL::timestamptz AS first_completed_at
        FROM ({rows}) AS r GROUP BY 1, 2, 3
        """;

    /// <summary>
    /// Upserts sums (rows of <see cref="ActivitySums"/>/<see cref="ResponseSums"/>) in key order, so concurrent
    /// workers lock the rows they share in the same order.
    /// </summary>
    private static string Add(string schema, string sums, string? onConflict = null) => $"""
        INSERT INTO {schema}.{TableName} AS t ({Key}, statements, completions, responses, first_at, last_at, first_completed_at)
        SELECT {Key}, sum(statements), sum(completions), sum(responses), min(first_at), max(last_at), min(first_completed_at)
        FROM ({sums}) AS s GROUP BY {Key} ORDER BY {Key}
        ON CONFLICT ({Key}) {onConflict ?? """
            DO UPDATE SET statements = t.statements + excluded.statements, completions = t.completions + excluded.completions,
                          responses = t.responses + excluded.responses, first_at = least(t.first_at, excluded.first_at),
                          last_at = greatest(t.last_at, excluded.last_at), first_completed_at = least(t.first_completed_at, excluded.first_completed_at)
            """}
        """;

    private static NpgsqlBatchCommand WithKeys(string sql, IReadOnlyCollection<(string UserId, string LessonUrl, DateOnly Day)> keys) => new(sql)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = keys.Select(key => key.UserId).ToArray() },
            new NpgsqlParameter { Value = keys.Select(key => key.LessonUrl).ToArray() },
            new NpgsqlParameter { Value = keys.Select(key => key.Day).ToArray() },
        },
    };
}
