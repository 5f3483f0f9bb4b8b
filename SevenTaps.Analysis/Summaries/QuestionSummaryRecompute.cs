using Npgsql;

namespace SevenTaps.Analysis.Summaries;

/// <summary>How voiding recomputes a summary keyed by question first (<see cref="QuestionAnswerCounts"/>, <see cref="FreeTextSentimentCounts"/>).</summary>
internal static class QuestionSummaryRecompute
{
    /// <summary>
    /// Locks these questions' rows of <paramref name="table"/> in key order (<paramref name="keyOrder"/>), deletes them
    /// and adds them again from the responses that remain (<paramref name="addRemaining"/> of a query of those responses).
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Commands(
        string schema, string table, string keyOrder, Func<string, string> addRemaining, IReadOnlySet<string> questionIds)
    {
        yield return WithKeys($"SELECT 1 FROM {schema}.{table} WHERE question_id = ANY($1) ORDER BY {keyOrder} FOR UPDATE", questionIds);
        yield return WithKeys($"DELETE FROM {schema}.{table} WHERE question_id = ANY($1)", questionIds);
        yield return WithKeys(addRemaining($"SELECT * FROM {schema}.{AnalysisSchema.UserResponses.Name} WHERE question_id = ANY($1)"), questionIds);
    }

    private static NpgsqlBatchCommand WithKeys(string sql, IReadOnlySet<string> questionIds) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = questionIds.ToArray() } } };
}
