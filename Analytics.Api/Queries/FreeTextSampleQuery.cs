using Npgsql;

namespace Analytics.Api.Queries;

/// <summary>The newest free-text answers matching a filter, at most a sample size of them.</summary>
/// <param name="Cards">Each answer's card (question id), for the themes' focus on cards.</param>
/// <param name="Sampled">More answers matched than were read.</param>
public sealed record FreeTextSample(IReadOnlyList<string> Answers, IReadOnlyList<string> Cards, bool Sampled);

/// <summary>
/// Free-text answers are those the normalizer gave a sentiment; the partial index on their timestamp makes
/// "the newest N in this range" a short index scan, whatever the table's size. Nothing counts every matching
/// answer: one row beyond the sample tells whether there were more.
/// </summary>
public static class FreeTextSampleQuery
{
    public static async Task<FreeTextSample> NewestAsync(
        AnalysisReader reader, AnalyticsFilter filter, string? questionId, int sampleSize, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = Sql(command, filter, questionId, sampleSize);
        var answers = new List<string>();
        var cards = new List<string>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            answers.Add(rows.GetString(0));
            cards.Add(rows.GetString(1));
        }
        var sampled = answers.Count > sampleSize;
        return sampled ? new FreeTextSample(answers[..sampleSize], cards[..sampleSize], true) : new FreeTextSample(answers, cards, false);
    }

    internal static string Sql(NpgsqlCommand command, AnalyticsFilter filter, string? questionId, int sampleSize)
    {
        var where = FreeTextWhere("r", filter, questionId, command);
        var limit = command.Add(sampleSize + 1);
        return $"""
            SELECT r.response_text, r.question_id
            FROM {AnalysisSchema.UserResponses.Table} r
            WHERE {where}
            ORDER BY r."timestamp" DESC, r.statement_id
            LIMIT {limit}
            """;
    }

    /// <summary>
    /// Free-text answers (the normalizer scored them, so they have a text) that pass the filter and, when given,
    /// answer one question.
    /// </summary>
    public static string FreeTextWhere(string alias, AnalyticsFilter filter, string? questionId, Npgsql.NpgsqlCommand command) =>
        $"{alias}.sentiment IS NOT NULL AND {filter.Where(alias, command)}"
        + (questionId is null ? "" : $" AND {alias}.question_id = {command.Add(questionId)}");
}
