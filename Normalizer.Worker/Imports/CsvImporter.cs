using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Normalizer.Worker.Catalogue;
using Normalizer.Worker.Normalization;
using Normalizer.Worker.Processing;
using Npgsql;
using SevenTaps.Analysis;
using SevenTaps.Audit;

namespace Normalizer.Worker.Imports;

/// <summary>What an import did; re-importing the same export adds nothing.</summary>
/// <param name="Rows">Answers in the file.</param>
/// <param name="Learners">Distinct learners in it.</param>
/// <param name="Lessons">Distinct lessons in it.</param>
/// <param name="Questions">Distinct cards in it.</param>
/// <param name="ResponsesAdded">user_responses rows written now (0 when they were all imported before).</param>
/// <param name="ActivitiesAdded">user_activities rows written now.</param>
public sealed record CsvImportResult(int Rows, int Learners, int Lessons, int Questions, int ResponsesAdded, int ActivitiesAdded);

/// <summary>
/// Imports a 7taps response export into the analysis tables with source <c>csv</c>, through the same upserts as the
/// stream consumer (<see cref="AnalysisTables"/>), in one transaction. Each answer becomes a response and an
/// "answered" activity, as an xAPI answer does. The export has no times: every row is dated at the operator's import
/// date (midnight UTC), and its <c>source_data</c> says so, with the file and line it came from. Every import leaves an
/// audit record: in its transaction when it wrote, on its own when the file was refused.
/// </summary>
internal sealed partial class CsvImporter(NpgsqlDataSource dataSource, CurrentLessonCatalogue catalogue, AuditTrail audit, ILogger<CsvImporter> logger)
{
    public const string Source = "csv";
    public const string AnsweredVerb = "http://adlnet.gov/expapi/verbs/answered";

    /// <exception cref="ExportFormatException">The file is malformed; nothing was written.</exception>
    public async Task<CsvImportResult> ImportAsync(string csv, DateOnly importDate, string fileName, AuditActor actor, CancellationToken cancellationToken)
    {
        IReadOnlyList<ExportRow> rows;
        List<NormalizedStatement> statements;
        try
        {
            rows = ExportReader.Read(csv);
            statements = ToRows(rows, importDate, fileName);
        }
        catch (ExportFormatException exception)
        {
            await audit.AppendAsync(actor, new AuditEvent(AuditActions.CsvImport, fileName, AuditOutcomes.Failed,
                $"dated {importDate:yyyy-MM-dd}; {exception.Problems.Count} problems: {string.Join("; ", exception.Problems)}"), cancellationToken);
            throw;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AnalysisWriter.EnterLiveGenerationAsync(connection, cancellationToken);
        await AnalysisWriter.UpsertDimensionsAsync(connection, AnalysisTables.Live, statements, cancellationToken);
        // The fact inserts' own row counts are those of the summary upserts they end with, so the rows added are
        // counted as rows present afterwards minus rows present before (the import holds its rows' keys meanwhile).
        var ids = statements.Select(statement => statement.StatementId!.Value).ToArray();
        var (responsesBefore, activitiesBefore) = await CountFactsAsync(connection, ids, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(AnalysisTables.Live.Responses.Insert([.. statements.Select(statement => statement.Response!)]));
        batch.BatchCommands.Add(AnalysisTables.Live.Activities.Insert([.. statements.Select(statement => statement.Activity!)]));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await AnalysisWriter.RecomputeTotalsAsync(connection, AnalysisTables.Live.Schema, statements.Select(statement => statement.User!.UserId), cancellationToken);
        var (responsesAfter, activitiesAfter) = await CountFactsAsync(connection, ids, cancellationToken);
        var result = new CsvImportResult(rows.Count,
            statements.Select(statement => statement.User!.UserId).Distinct().Count(),
            statements.Select(statement => statement.Lesson!.LessonUrl).Distinct().Count(),
            statements.Select(statement => statement.Question!.QuestionId).Distinct().Count(),
            responsesAfter - responsesBefore,
            activitiesAfter - activitiesBefore);
        await audit.AppendAsync(connection, actor, new AuditEvent(AuditActions.CsvImport, fileName, AuditOutcomes.Succeeded,
            $"dated {importDate:yyyy-MM-dd}; {result.Rows} rows, {result.ResponsesAdded} responses and {result.ActivitiesAdded} activities added"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Imported {File} dated {ImportDate}: {Result}", fileName, importDate, result);
        return result;
    }

    /// <summary>The responses and activities of the statements $1 (uuid[]).</summary>
    internal const string CountFactsSql = $"""
        SELECT (SELECT count(*) FROM {AnalysisSchema.UserResponses.Table} WHERE statement_id = ANY($1))::int,
               (SELECT count(*) FROM {AnalysisSchema.UserActivities.Table} WHERE statement_id = ANY($1))::int
        """;

    private static async Task<(int Responses, int Activities)> CountFactsAsync(NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CountFactsSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>What each row contributes, shaped as the consumer shapes a normalized statement.</summary>
    private List<NormalizedStatement> ToRows(IReadOnlyList<ExportRow> rows, DateOnly importDate, string fileName)
    {
        var at = new DateTimeOffset(importDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var courseCatalogue = catalogue.Value;
        var occurrences = new Dictionary<Guid, int>();
        var statements = new List<NormalizedStatement>(rows.Count);
        foreach (var row in rows)
        {
            var occurrence = 0;
            var id = ExportKeys.RowId(row.Learner, row.LessonNumber, row.GlobalQuestion, row.Response, occurrence);
            while (!occurrences.TryAdd(id, occurrence))
            {
                id = ExportKeys.RowId(row.Learner, row.LessonNumber, row.GlobalQuestion, row.Response, ++occurrence);
            }

            var userId = ExportKeys.UserId(row.Learner);
            var entry = courseCatalogue.FindByNumber(row.LessonNumber);
            var lessonUrl = entry?.Url ?? ExportKeys.LessonUrl(row.LessonNumber);
            var questionId = ExportKeys.QuestionId(row.GlobalQuestion);
            var questionType = row.CardType.ToLowerInvariant();
            var sourceData = new JsonObject
            {
                ["file"] = fileName,
                ["line"] = row.Line,
                ["importDate"] = importDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["timestamp"] = "the import date: the export has no answer times",
                ["card"] = row.Card,
                ["pdfPage"] = row.PdfPage,
            }.ToJsonString();

            statements.Add(new NormalizedStatement(
                id,
                new UserRow(id, userId, userId, row.Learner, null, Source, at),
                new LessonRow(id, lessonUrl, entry?.Url is { } url ? url[(url.LastIndexOf('/') + 1)..] : row.LessonNumber,
                    entry?.Number ?? row.LessonNumber, entry?.Name, id, at, Source),
                new QuestionRow(id, questionId, lessonUrl, questionType, null, CardText(row.Card), null,
                    EquatableList<QuestionChoice>.Empty, EquatableList<string>.Empty, Source),
                new ResponseRow(id, userId, questionId, lessonUrl, row.Response, row.Response.Trim(), null, null, null, null, null, null, at, Source, sourceData)
                {
                    // A form card's answer is free text, as it is from xAPI (the export names no interaction type).
                    Sentiment = FreeTextAnswers.SentimentOf(questionType, null, row.Response),
                },
                new ActivityRow(id, userId, lessonUrl, questionId, AnsweredVerb, "answered", null, null, null, at, Source, sourceData),
                null,
                null));
        }
        return statements;
    }

    /// <summary>"Card 6 (Form): 🧠 Quick pulse check ..." → "🧠 Quick pulse check ...".</summary>
    private static string CardText(string card) => CardPrefix().Replace(card, "").Trim();

    [GeneratedRegex(@"^Card\s+\d+\s*\([^)]*\)\s*:\s*")]
    private static partial Regex CardPrefix();
}
