using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.VisualBasic.FileIO;
using SevenTaps.Contracts;
using SevenTaps.Text;

namespace Normalizer.Tests;

/// <summary>Steps of the import tests, run on the real export (<see cref="OperationsTests"/>) and the sample (<see cref="SampleExportTests"/>).</summary>
internal static class ExportImport
{
    /// <summary>The export's rows (header left out), read with another CSV parser than the import's.</summary>
    public static List<string[]> Rows(string path)
    {
        var rows = new List<string[]>();
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        parser.ReadFields();
        while (parser.ReadFields() is { } fields)
        {
            rows.Add(fields);
        }
        return rows;
    }

    /// <summary>Imports the export through the operations API, dated 2025-10-11; the import's result.</summary>
    public static async Task<JsonElement> PostAsync(OperationsFixture normalizer, string path)
    {
        using var client = normalizer.OperationsClient();
        using var response = await client.PostAsync($"/api/normalizer/imports/csv?importDate=2025-10-11&fileName={Uri.EscapeDataString(Path.GetFileName(path))}",
            Csv(await File.ReadAllTextAsync(path)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// After a first import: no invented times (every row is dated at the import date, and says so), summaries kept
    /// as the workers' are, and importing again changes nothing.
    /// </summary>
    public static async Task AssertDatedOnTheImportDateAndReimportedUnchangedAsync(OperationsFixture normalizer, string path)
    {
        // No invented times: every row is dated at the import date, and says so.
        var row = Assert.Single(await normalizer.RowsAsync(
            "SELECT timestamp, source_data->>'importDate' AS date, source_data->>'timestamp' AS note, (source_data->>'line')::int AS line FROM analysis.user_responses WHERE source = 'csv' ORDER BY (source_data->>'line')::int LIMIT 1"));
        Assert.Equal(new DateTime(2025, 10, 11, 0, 0, 0, DateTimeKind.Utc), row["timestamp"]);
        Assert.Equal("2025-10-11", row["date"]);
        Assert.Contains("import date", (string)row["note"]!);
        Assert.Equal(2, row["line"]);
        // The import's fact writes keep the summaries as the workers' do.
        await normalizer.AssertSummaryMatchesFactsAsync();

        var before = await normalizer.DumpAsync();
        var second = await PostAsync(normalizer, path);
        Assert.Equal(0, second.GetProperty("responsesAdded").GetInt32());
        Assert.Equal(0, second.GetProperty("activitiesAdded").GetInt32());
        Assert.Equal(before, await normalizer.DumpAsync());
    }

    public static StringContent Csv(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));

    /// <summary>The export names no interaction type: a form card's answer is free text, as from xAPI; other cards' have none.</summary>
    public static async Task FormAnswersCarrySentimentAsync(OperationsFixture normalizer, string path, int formAnswers)
    {
        await PostAsync(normalizer, path);

        var answers = await normalizer.RowsAsync(
            "SELECT r.response_value, r.sentiment, q.question_type FROM analysis.user_responses r JOIN analysis.questions q USING (question_id) WHERE r.source = 'csv'");
        Assert.All(answers, answer => Assert.Equal(
            (string)answer["question_type"]! == "form" && answer["response_value"] is string { Length: > 0 } text ? SentimentAnalyzer.Compound(text) : null,
            (double?)answer["sentiment"]));
        Assert.Equal(formAnswers, answers.Count(answer => answer["sentiment"] is not null));
    }

    /// <summary>The export has answers in the catalogue's lesson 1: voiding the only xAPI statement there keeps the lesson.</summary>
    public static async Task VoidingTheOnlyStatementOfALessonKeepsItAsync(OperationsFixture normalizer, string path)
    {
        await PostAsync(normalizer, path);
        var answer = Guid.NewGuid();
        var voiding = Guid.NewGuid();
        await normalizer.NormalizeAsync([TestStatements.Statement(answer, "voided-learner", TestStatements.Answered,
            TestStatements.Card(TestStatements.CatalogueLesson, "poll", 99, "Voided later"), TestStatements.Start, TestStatements.CatalogueLesson, TestStatements.Response("x"))]);
        await normalizer.NormalizeAsync([TestStatements.Voiding(voiding, answer, TestStatements.Start.AddMinutes(1))]);

        Assert.Equal(0, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities WHERE statement_id = $1", answer));
        Assert.Equal(1, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.lessons WHERE lesson_url = $1", TestStatements.CatalogueLesson));
        await using var redis = await normalizer.RedisAsync();
        var dead = await redis.GetDatabase().StreamRangeAsync(NormalizerFixture.DeadLetterStream);
        Assert.DoesNotContain(dead, entry => entry[StatementStream.StatementIdField] == voiding.ToString());
    }

    public static async Task ImportCommandBumpsTheDataVersionAsync(OperationsFixture normalizer, string path)
    {
        var before = await SettledDataVersionAsync(normalizer);
        var (imported, output) = await ServiceCommand.RunAsync(normalizer.App, ResourceNames.NormalizerWorker, "import-csv", path, "--import-date", "2025-10-11");
        Assert.True(imported == 0, output);
        Assert.True(await normalizer.DataVersionAsync() > before, "import-csv did not bump the analysis data version");
    }

    /// <summary>The version once the workers have stopped bumping it (a catalogue loaded by an earlier test reaches them within 2 s).</summary>
    private static async Task<long> SettledDataVersionAsync(OperationsFixture normalizer)
    {
        for (var version = await normalizer.DataVersionAsync(); ;)
        {
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            var next = await normalizer.DataVersionAsync();
            if (next == version)
            {
                return version;
            }
            version = next;
        }
    }
}
