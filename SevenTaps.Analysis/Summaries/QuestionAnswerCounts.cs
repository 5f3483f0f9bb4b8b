using Npgsql;

namespace SevenTaps.Analysis.Summaries;

/// <summary>
/// The write SQL of the summary table <c>question_answer_counts</c>.
/// </summary>
/// <remarks>
/// Invariant: per question and UTC day of statement time, exactly the count of its response rows, of those judged
/// correct and of those judged at all. Kept like <see cref="LearnerLessonSummary"/>: response inserts add the rows
/// they actually inserted in the same statement; voiding recomputes the questions it touched from the responses that
/// remain. Read by Analytics.Api's <c>QuestionsQuery</c> when <see cref="SourcePlanner.AnswerCounts"/> says the counts
/// answer (no cohort: they do not know learners; whole UTC days).
/// </remarks>
public static class QuestionAnswerCounts
{
    public const string Table = AnalysisSchema.QuestionAnswerCounts.Name;

    /// <summary>Adds the response rows of <paramref name="inserted"/> (a CTE of inserted rows).</summary>
    public static string AddResponses(string schema, string inserted) => Add(schema, $"SELECT * FROM {inserted}");

    /// <summary>Recomputes these questions' counts from the responses that remain, their rows locked first in key order.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Recompute(string schema, IReadOnlySet<string> questionIds) =>
        // Nothing conflicts unless a concurrent insert created a key this voiding emptied: that row is already right.
        QuestionSummaryRecompute.Commands(schema, Table, "question_id, day", responses => Add(schema, responses, onConflict: "DO NOTHING"), questionIds);

    /// <summary>Upserts the counts of <paramref name="responses"/> in key order, so concurrent workers lock shared rows in one order.</summary>
    private static string Add(string schema, string responses, string? onConflict = null) => $"""
        INSERT INTO {schema}.{Table} AS t (question_id, day, answers, correct, judged)
        SELECT question_id, ("timestamp" AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE is_correct), count(is_correct)
        FROM ({responses}) AS r WHERE question_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (question_id, day) {onConflict ?? """
            DO UPDATE SET answers = t.answers + excluded.answers, correct = t.correct + excluded.correct, judged = t.judged + excluded.judged
            """}
        """;
}
