namespace Analytics.Api.Queries;

/// <summary>The newest free-text answers matching a filter, at most a sample size of them, and how many match in all.</summary>
public sealed record FreeTextSample(IReadOnlyList<string> Answers, long Matching);

/// <summary>
/// Free-text answers are those the normalizer gave a sentiment; the partial index on their timestamp makes
/// "the newest N in this range" a short index scan, whatever the table's size.
/// </summary>
public static class FreeTextSampleQuery
{
    public static async Task<FreeTextSample> NewestAsync(
        AnalysisReader reader, AnalyticsFilter filter, string? questionId, int sampleSize, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        var where = FreeTextWhere("r", filter, questionId, command);
        var countWhere = FreeTextWhere("c", filter, questionId, command);
        var limit = command.Add(sampleSize);
        command.CommandText = $"""
            SELECT r.response_text, (SELECT count(*) FROM analysis.user_responses c WHERE {countWhere})
            FROM analysis.user_responses r
            WHERE {where}
            ORDER BY r."timestamp" DESC, r.statement_id
            LIMIT {limit}
            """;
        var answers = new List<string>();
        long matching = 0;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            answers.Add(rows.GetString(0));
            matching = rows.GetInt64(1);
        }
        return new FreeTextSample(answers, matching);
    }

    /// <summary>Free-text answers (they have a sentiment and a text) that pass the filter and, when given, answer one question.</summary>
    public static string FreeTextWhere(string alias, AnalyticsFilter filter, string? questionId, Npgsql.NpgsqlCommand command) =>
        $"{alias}.sentiment IS NOT NULL AND {alias}.response_text IS NOT NULL AND {filter.Where(alias, command)}"
        + (questionId is null ? "" : $" AND {alias}.question_id = {command.Add(questionId)}");
}
