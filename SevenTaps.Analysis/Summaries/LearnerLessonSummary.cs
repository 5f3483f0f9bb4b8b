using Npgsql;

namespace SevenTaps.Analysis.Summaries;

/// <summary>
/// The write SQL of the two summary tables of the fact rows, per learner and lesson: <c>learner_lesson_days</c> (also
/// per UTC day of statement time) and <c>learner_lessons</c> (the whole time).
/// </summary>
/// <remarks>
/// Invariant: every row holds exactly the sums of the fact rows (<c>user_activities</c>, <c>user_responses</c>) of its
/// learner, lesson ('' for none) and, for the days, day: activity rows, completions (a completed statement on the
/// lesson itself), response rows, first, last and first completed statement time; a row exists only while some fact
/// row does. Kept in the transaction that changes the facts: fact inserts fold the rows they actually inserted into
/// both in the same statement (Normalizer.Worker's <c>FactTable</c>), so a re-delivered statement, which inserts
/// nothing, adds nothing; voiding, which deletes fact rows, recomputes the keys it touched from the facts that remain.
/// Read through <see cref="LearnerLessons"/> and <see cref="LearnerLessonDays"/> (which table for which filter:
/// <see cref="SourcePlanner"/>); a day row answers any time condition exactly unless the condition's instant falls
/// between its first and last statement, and a whole-time row any condition without a date.
/// </remarks>
public sealed class LearnerLessonSummary
{
    public static readonly LearnerLessonSummary Days = new(AnalysisSchema.LearnerLessonDays.Name, daily: true);

    public static readonly LearnerLessonSummary Lessons = new(AnalysisSchema.LearnerLessons.Name, daily: false);

    /// <summary>
    /// Both, in the order every writer locks their rows: the days, then the whole time (<c>FactTable</c>
    /// writes the first in its main statement and the other in a data-modifying CTE the main statement does not read,
    /// which PostgreSQL runs after it; voiding recomputes them in this order).
    /// </summary>
    public static readonly IReadOnlyList<LearnerLessonSummary> All = [Days, Lessons];

    /// <summary>What analytics counts as completing a lesson: a completed statement on the lesson, not on a question.</summary>
    private const string IsCompletion = $"activity_type = '{Verbs.Completed}' AND question_id IS NULL";

    private readonly bool _daily;
    private readonly string _key;

    private LearnerLessonSummary(string table, bool daily)
    {
        Table = table;
        _daily = daily;
        _key = daily ? "user_id, lesson_url, day" : "user_id, lesson_url";
    }

    public string Table { get; }

    /// <summary>Adds the activity rows of <paramref name="inserted"/> (a CTE of inserted rows).</summary>
    public string AddActivities(string schema, string inserted) => Add(schema, ActivitySums($"SELECT * FROM {inserted}"));

    /// <summary>Adds the response rows of <paramref name="inserted"/> (a CTE of inserted rows).</summary>
    public string AddResponses(string schema, string inserted) => Add(schema, ResponseSums($"SELECT * FROM {inserted}"));

    /// <summary>
    /// Recomputes the rows of these learner-lesson-days (lesson "" for none) from the fact rows that remain: after
    /// voiding. Locks the rows first, in key order, then reads, so a concurrent insert either committed before (and
    /// is read) or waits and adds itself to the recomputed row.
    /// </summary>
    public IEnumerable<NpgsqlBatchCommand> Recompute(string schema, IReadOnlyCollection<(string UserId, string LessonUrl, DateOnly Day)> days)
    {
        var keys = _daily ? days : days.Select(day => day with { Day = default }).Distinct().ToList();
        var keysTable = _daily
            ? $"unnest($1::text[], $2::text[], $3::date[]) AS k({_key})"
            : $"unnest($1::text[], $2::text[]) AS k({_key})";
        var facts = $"""
            JOIN keys k ON f.user_id = k.user_id AND coalesce(f.lesson_url, '') = k.lesson_url
            {(_daily ? """AND f."timestamp" >= k.day::timestamp AT TIME ZONE 'UTC' AND f."timestamp" < (k.day + 1)::timestamp AT TIME ZONE 'UTC'""" : "")}
            """;
        var table = $"{schema}.{Table}";
        yield return WithKeys($"SELECT 1 FROM {table} t JOIN {keysTable} USING ({_key}) ORDER BY {_key} FOR UPDATE OF t", keys);
        yield return WithKeys($"DELETE FROM {table} t USING {keysTable} WHERE {string.Join(" AND ", _key.Split(", ").Select(column => $"t.{column} = k.{column}"))}", keys);
        // Nothing conflicts unless a concurrent insert created a key this voiding emptied: that row is already right.
        yield return WithKeys($"""
            WITH keys AS (SELECT * FROM {keysTable})
            {Add(schema, $"""
                {ActivitySums($"SELECT f.* FROM {schema}.{AnalysisSchema.UserActivities.Name} f {facts}")}
                UNION ALL
                {ResponseSums($"SELECT f.* FROM {schema}.{AnalysisSchema.UserResponses.Name} f {facts}")}
                """, onConflict: "DO NOTHING")}
            """, keys);
    }

    private string Day => _daily ? """, ("timestamp" AT TIME ZONE 'UTC')::date AS day""" : "";

    private string ActivitySums(string rows) => $"""
        SELECT user_id, coalesce(lesson_url, '') AS lesson_url{Day},
               count(*) AS statements, count(*) FILTER (WHERE {IsCompletion}) AS completions, 0 AS responses,
               min("timestamp") AS first_at, max("timestamp") AS last_at, min("timestamp") FILTER (WHERE {IsCompletion}) AS first_completed_at
        FROM ({rows}) AS a GROUP BY {_key}
        """;

    private string ResponseSums(string rows) => $"""
        SELECT user_id, coalesce(lesson_url, '') AS lesson_url{Day},
               0 AS statements, 0 AS completions, count(*) AS responses,
               NULL::timestamptz AS first_at, NULL::timestamptz AS last_at, NULL::timestamptz AS first_completed_at
        FROM ({rows}) AS r GROUP BY {_key}
        """;

    /// <summary>
    /// Upserts sums (rows of <see cref="ActivitySums"/>/<see cref="ResponseSums"/>) in key order, so concurrent
    /// workers lock the rows they share in the same order.
    /// </summary>
    private string Add(string schema, string sums, string? onConflict = null) => $"""
        INSERT INTO {schema}.{Table} AS t ({_key}, statements, completions, responses, first_at, last_at, first_completed_at)
        SELECT {_key}, sum(statements), sum(completions), sum(responses), min(first_at), max(last_at), min(first_completed_at)
        FROM ({sums}) AS s GROUP BY {_key} ORDER BY {_key}
        ON CONFLICT ({_key}) {onConflict ?? """
            DO UPDATE SET statements = t.statements + excluded.statements, completions = t.completions + excluded.completions,
                          responses = t.responses + excluded.responses, first_at = least(t.first_at, excluded.first_at),
                          last_at = greatest(t.last_at, excluded.last_at), first_completed_at = least(t.first_completed_at, excluded.first_completed_at)
            """}
        """;

    private NpgsqlBatchCommand WithKeys(string sql, IReadOnlyCollection<(string UserId, string LessonUrl, DateOnly Day)> keys)
    {
        var command = new NpgsqlBatchCommand(sql)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = keys.Select(key => key.UserId).ToArray() },
                new NpgsqlParameter { Value = keys.Select(key => key.LessonUrl).ToArray() },
            },
        };
        if (_daily)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(key => key.Day).ToArray() });
        }
        return command;
    }
}
