using Microsoft.Extensions.Options;
using SevenTaps.Analysis;
using SevenTaps.Analysis.Summaries;
using Normalizer.Worker.Normalization;
using Normalizer.Worker.Processing;
using Normalizer.Worker.Streaming;
using Npgsql;

namespace Normalizer.Worker.Backfill;

/// <summary>
/// Gives free-text answers stored without a sentiment (normalized or imported before the column existed) the score
/// the normalizer gives: one pass reads user_responses in statement_id order, a keyset page of
/// <see cref="SentimentBackfillOptions.BatchSize"/> answers per short transaction, and scores the free-text answers
/// of the page whose sentiment is null. Each transaction first takes the analysis generation lock shared, as every
/// writer of the live tables does, so a re-normalization's swap waits for at most one page and the next page is read
/// from the new generation. The rows to score are claimed with <c>FOR UPDATE SKIP LOCKED</c> and their sentiment
/// checked null again under the lock, so replicas running passes at once never score a row twice and never wait
/// for each other's rows (nor for a worker's: no deadlock); a row skipped that way counts as busy.
/// </summary>
internal sealed class SentimentBackfill(
    NpgsqlDataSource dataSource, AnalysisDataVersionBump dataVersion, IOptions<SentimentBackfillOptions> options, TimeProvider time,
    ILogger<SentimentBackfill> logger)
{
    /// <summary>Every question with what decides whether its answers are free text.</summary>
    internal const string QuestionTypesSql = $"SELECT question_id, question_type, interaction_type FROM {AnalysisSchema.Questions.Table}";

    /// <summary>Whether an answer to one of the questions $1 (text[]) has a response but no sentiment.</summary>
    internal const string AnyUnscoredSql =
        $"SELECT EXISTS (SELECT 1 FROM {AnalysisSchema.UserResponses.Table} WHERE question_id = ANY($1) AND sentiment IS NULL AND response_value <> '')";

    /// <summary>Locks the answers of $1 (uuid[]) still without a sentiment that no other transaction holds.</summary>
    internal const string ClaimSql =
        $"SELECT statement_id FROM {AnalysisSchema.UserResponses.Table} WHERE statement_id = ANY($1) AND sentiment IS NULL ORDER BY statement_id FOR UPDATE SKIP LOCKED";

    /// <summary>
    /// Sets the sentiments $2 (double precision[]) of the answers $1 (uuid[]), claimed without one, and counts them in
    /// the sentiment summary in the same statement.
    /// </summary>
    internal static readonly string WriteSql = $"""
        WITH scored AS (
            UPDATE {AnalysisSchema.UserResponses.Table} AS r SET sentiment = v.sentiment
            FROM unnest($1::uuid[], $2::double precision[]) AS v(statement_id, sentiment)
            WHERE r.statement_id = v.statement_id
            RETURNING r.*)
        {FreeTextSentimentCounts.AddResponses(AnalysisSchema.Name, "scored")}
        """;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    /// <summary>An answer of a page: its question's type and interaction type, and its response when it has no sentiment yet.</summary>
    private sealed record StoredAnswer(Guid StatementId, bool Unscored, string? QuestionType, string? InteractionType, string? Response);

    private sealed record Page(Guid? Last, int Read, int Scored, int Busy);

    public async Task<SentimentBackfillPass> RunPassAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var lastReport = started;
        long read = 0, scored = 0, busy = 0;
        Guid? after = null;
        while (await ScorePageAsync(after, cancellationToken) is { Read: > 0 } page)
        {
            (read, scored, busy, after) = (read + page.Read, scored + page.Scored, busy + page.Busy, page.Last);
            if (page.Scored > 0)
            {
                // Cached analytics answers (sentiment, themes, flagged answers) were computed without these rows.
                await dataVersion.BumpAsync();
            }
            if (time.GetElapsedTime(lastReport) >= ProgressInterval)
            {
                logger.LogInformation("Sentiment backfill: {Read} answers read, {Scored} scored so far", read, scored);
                lastReport = time.GetTimestamp();
            }
        }
        var pass = new SentimentBackfillPass(read, scored, busy, time.GetElapsedTime(started));
        logger.LogInformation("Sentiment backfill pass: {Read} answers read, {Scored} scored, {Busy} left to other transactions, in {Elapsed}",
            pass.Read, pass.Scored, pass.Busy, pass.Elapsed);
        return pass;
    }

    /// <summary>
    /// Whether any free-text answer lacks its sentiment: one query over the answers of the free-text questions, so a
    /// worker starting on a database with nothing left to score does not read every answer page by page.
    /// </summary>
    public async Task<bool> AnyToScoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var freeText = new List<string>();
        await using (var questions = new NpgsqlCommand(QuestionTypesSql, connection))
        await using (var reader = await questions.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (FreeTextAnswers.IsFreeText(Text(reader, 1), Text(reader, 2)))
                {
                    freeText.Add(reader.GetString(0));
                }
            }
        }
        if (freeText.Count == 0)
        {
            return false;
        }
        await using var unscored = new NpgsqlCommand(AnyUnscoredSql, connection)
        {
            Parameters = { new NpgsqlParameter { Value = freeText.ToArray() } },
        };
        return (bool)(await unscored.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<Page> ScorePageAsync(Guid? after, CancellationToken cancellationToken)
    {
        using var span = NormalizerTelemetry.ActivitySource.StartActivity("sentiment backfill page");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AnalysisWriter.EnterLiveGenerationAsync(connection, cancellationToken);

        var answers = await ReadPageAsync(connection, after, cancellationToken);
        var unscored = answers.Where(answer => answer.Unscored && FreeTextAnswers.HasSentiment(answer.QuestionType, answer.InteractionType, answer.Response))
            .ToDictionary(answer => answer.StatementId);
        var claimed = unscored.Count == 0 ? [] : await ClaimAsync(connection, [.. unscored.Keys], cancellationToken);
        if (claimed.Count > 0)
        {
            var answersToScore = claimed.Select(id => unscored[id]).ToList();
            await WriteAsync(connection, answersToScore, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        span?.SetTag("seventaps.answers_read", answers.Count);
        span?.SetTag("seventaps.answers_scored", claimed.Count);
        return new Page(answers.Count == 0 ? after : answers[^1].StatementId, answers.Count, claimed.Count, unscored.Count - claimed.Count);
    }

    private async Task<List<StoredAnswer>> ReadPageAsync(NpgsqlConnection connection, Guid? after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PageSql(after is not null), connection);
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
        if (after is { } last)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = last });
        }
        var answers = new List<StoredAnswer>(options.Value.BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            answers.Add(new StoredAnswer(reader.GetGuid(0), reader.GetBoolean(1), Text(reader, 2), Text(reader, 3), Text(reader, 4)));
        }
        return answers;
    }

    /// <summary>
    /// A page of $1 (int) answers in the primary key's order, after the statement id $2 (uuid) when <paramref name="afterOne"/>:
    /// each page is a short index range scan, wherever the pass is.
    /// </summary>
    internal static string PageSql(bool afterOne) => $"""
        SELECT r.statement_id, r.sentiment IS NULL, q.question_type, q.interaction_type,
               CASE WHEN r.sentiment IS NULL THEN r.response_value END
        FROM {AnalysisSchema.UserResponses.Table} r LEFT JOIN {AnalysisSchema.Questions.Table} q ON q.question_id = r.question_id
        {(afterOne ? "WHERE r.statement_id > $2" : "")}
        ORDER BY r.statement_id
        LIMIT $1
        """;

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Locks the rows still without a sentiment that no other transaction holds; returns their ids.</summary>
    private static async Task<List<Guid>> ClaimAsync(NpgsqlConnection connection, Guid[] statementIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ClaimSql, connection)
        {
            Parameters = { new NpgsqlParameter { Value = statementIds } },
        };
        var claimed = new List<Guid>(statementIds.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(reader.GetGuid(0));
        }
        return claimed;
    }

    private static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<StoredAnswer> answers, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(WriteSql, connection)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = answers.Select(answer => answer.StatementId).ToArray() },
                new NpgsqlParameter { Value = answers.Select(answer => FreeTextAnswers.SentimentOf(answer.QuestionType, answer.InteractionType, answer.Response)!.Value).ToArray() },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
