using System.Net;
using Npgsql;

namespace Analytics.Api.Queries;

/// <param name="Snippet">HTML: the answer escaped, with the matching words wrapped in &lt;mark&gt;.</param>
public sealed record ResponseHit(
    Guid StatementId, string UserId, string? QuestionId, string? LessonUrl, DateTimeOffset Timestamp, string ResponseText, string Snippet, double Rank);

/// <summary>
/// Full-text search of free-text answers: PostgreSQL's English configuration (stemming, stop words) over the
/// generated <c>response_search</c> vector and its GIN index; web-search syntax ("quoted phrases", or, -not);
/// irregular verb forms are searched too (<see cref="IrregularForms"/>).
/// </summary>
public static class ResponseSearchQuery
{
    // Control characters mark the matches in ts_headline's output; the text is HTML-escaped before they become
    // <mark> tags, so a learner's answer can never inject markup.
    private const string StartMark = "\u0002";
    private const string StopMark = "\u0003";

    public static async Task<PagedList<ResponseHit>> RunAsync(
        AnalysisReader reader, string text, string? questionId, AnalyticsFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = Sql(command, text, questionId, filter, paging);
        var items = new List<ResponseHit>();
        long total = 0;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var snippet = WebUtility.HtmlEncode(rows.GetString(6)).Replace(StartMark, "<mark>").Replace(StopMark, "</mark>");
            items.Add(new ResponseHit(rows.GetGuid(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.IsDBNull(3) ? null : rows.GetString(3), rows.GetFieldValue<DateTimeOffset>(4), rows.GetString(5), snippet,
                Math.Round(rows.GetFloat(7), 4)));
            total = rows.GetInt64(8);
        }
        return new PagedList<ResponseHit>(items, paging.Page, paging.PageSize, total);
    }

    internal static string Sql(NpgsqlCommand command, string text, string? questionId, AnalyticsFilter filter, Paging paging)
    {
        var where = filter.Where("r", command);
        var query = string.Join(" || ", IrregularForms.Alternatives(text).Select(alternative => $"websearch_to_tsquery('english', {command.Add(alternative)})"));
        var question = questionId is null ? "true" : $"r.question_id = {command.Add(questionId)}";
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        return $"""
            WITH q AS (SELECT {query} AS query),
            hits AS (
                SELECT r.statement_id, r.user_id, r.question_id, r.lesson_url, r."timestamp", r.response_text,
                       ts_rank_cd(r.response_search, q.query) AS rank
                FROM {AnalysisSchema.UserResponses.Table} r, q
                WHERE r.response_search @@ q.query AND {question} AND {where})
            SELECT h.statement_id, h.user_id, h.question_id, h.lesson_url, h."timestamp", h.response_text,
                   ts_headline('english', h.response_text, q.query, 'StartSel={StartMark}, StopSel={StopMark}, MaxWords=30, MinWords=10, MaxFragments=2'),
                   h.rank, count(*) OVER ()
            FROM hits h, q
            ORDER BY h.rank {(paging.Descending ? "DESC" : "ASC")}, h."timestamp" DESC, h.statement_id
            LIMIT {limit} OFFSET {offset}
            """;
    }
}
