using Npgsql;

namespace Analytics.Api.Queries;

/// <param name="MatchedTerms">The watch-list terms found in the answer.</param>
public sealed record FlaggedResponse(
    Guid StatementId, string UserId, string? QuestionId, string? LessonUrl, DateTimeOffset Timestamp, string ResponseText,
    double? Sentiment, IReadOnlyList<string> MatchedTerms);

/// <summary>
/// Free-text answers that contain a watch-list term as whole words (case-insensitive). A GIN index on the answers'
/// stored words (PostgreSQL's 'simple' configuration: every word kept, lower case, no stemming) finds the answers that
/// contain some term as a phrase, one index search per term; each is then checked term by term, the term's phrase
/// query first and, only where that matches, its word-boundary regular expression, which confirms the exact words
/// and names the term.
/// </summary>
public static class FlaggedResponsesQuery
{
    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["timestamp"] = "f.\"timestamp\"",
        ["userId"] = "f.user_id",
        ["sentiment"] = "f.sentiment",
    };

    public static async Task<PagedList<FlaggedResponse>> RunAsync(
        AnalysisReader reader, IReadOnlyList<string> watchList, AnalyticsFilter filter, string? questionId, Paging paging, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = Sql(command, watchList, filter, questionId, paging);
        var items = new List<FlaggedResponse>();
        long total = 0;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            items.Add(new FlaggedResponse(rows.GetGuid(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.IsDBNull(3) ? null : rows.GetString(3), rows.GetFieldValue<DateTimeOffset>(4), rows.GetString(5),
                rows.IsDBNull(6) ? null : rows.GetDouble(6), rows.GetFieldValue<string[]>(7)));
            total = rows.GetInt64(8);
        }
        return new PagedList<FlaggedResponse>(items, paging.Page, paging.PageSize, total);
    }

    internal static string Sql(NpgsqlCommand command, IReadOnlyList<string> watchList, AnalyticsFilter filter, string? questionId, Paging paging)
    {
        var where = FreeTextSampleQuery.FreeTextWhere("r", filter, questionId, command);
        // One condition per term, not one query OR-ing every term: the planner then searches the index per term
        // (a bitmap OR), and each search skips through the posting lists of common words ("a", "to", "my") by the
        // term's rare one, where one query over all terms reads those long lists whole.
        var anyTerm = string.Join(" OR ", watchList.Select(term => $"r.response_words @@ phraseto_tsquery('simple', {command.Add(term)})"));
        var terms = command.Add(watchList.ToArray());
        var patterns = command.Add(watchList.Select(WatchListTerms.Pattern).ToArray());
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        // response_words is the indexed column (migration IndexFreeTextAnswerWords). MATERIALIZED keeps the
        // planner on that index: ordered by time with a LIMIT it could otherwise walk the timestamp index and test
        // every free-text answer.
        return $"""
            WITH watch AS MATERIALIZED (
                SELECT w.term, w.pattern, phraseto_tsquery('simple', w.term) AS query
                FROM unnest({terms}::text[], {patterns}::text[]) AS w(term, pattern)),
            candidates AS MATERIALIZED (
                SELECT r.statement_id, r.user_id, r.question_id, r.lesson_url, r."timestamp", r.response_text, r.sentiment, r.response_words AS words
                FROM {AnalysisSchema.UserResponses.Table} r
                WHERE ({anyTerm}) AND {where}),
            f AS (
                SELECT c.*, ARRAY(SELECT w.term FROM watch w WHERE c.words @@ w.query AND c.response_text ~* w.pattern) AS matched
                FROM candidates c)
            SELECT f.statement_id, f.user_id, f.question_id, f.lesson_url, f."timestamp", f.response_text, f.sentiment, f.matched, count(*) OVER ()
            FROM f
            WHERE cardinality(f.matched) > 0
            {paging.OrderBy(Sortable, "f.statement_id")}
            LIMIT {limit} OFFSET {offset}
            """;
    }
}
