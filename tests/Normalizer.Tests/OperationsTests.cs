using System.Text.Json;
using SevenTaps.ApiKeys;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Tests;

/// <summary>The operations API on the real system: scopes, CSV import, dead letters, the lesson catalogue.</summary>
[Collection(OperationsCollection.Name)]
public sealed class OperationsTests(OperationsFixture normalizer) : IAsyncLifetime
{
    /// <summary>The real export (<see cref="RealSamples"/>): its tests run where it exists; the sample's are <see cref="SampleExportTests"/>.</summary>
    private static string ExportPath => RealSamples.Path(RealSamples.Export);

    /// <summary>The catalogue the fixture starts with (the sample's).</summary>
    private static readonly string CataloguePath = SampleFiles.Path(SampleFiles.Catalogue);

    public async Task InitializeAsync() => await normalizer.WaitForKeysAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Operations_need_a_key_with_the_admin_scope()
    {
        var analyticsOnly = await TestApiKeys.CreateAsync(normalizer.DatabaseConnectionString, "reader", ApiKeyScopes.Analytics);
        var admin = await TestApiKeys.CreateAsync(normalizer.DatabaseConnectionString, "operator", ApiKeyScopes.Admin);

        foreach (var (key, expected) in new[] { ((string?)null, HttpStatusCode.Unauthorized), ("sta_unknown-key-0000000000", HttpStatusCode.Unauthorized),
                     (analyticsOnly, HttpStatusCode.Forbidden), (admin, HttpStatusCode.OK) })
        {
            using var client = normalizer.OperationsClient(key);
            using var response = await client.GetAsync("/api/normalizer/dead-letters");
            Assert.Equal(expected, response.StatusCode);
            if (expected != HttpStatusCode.OK)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        using var anonymous = normalizer.OperationsClient(null);
        using var hiddenDocument = await anonymous.GetAsync($"{PublicRoutes.Normalizer}/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Unauthorized, hiddenDocument.StatusCode);
        // Any key the service signs in may read it, not only an admin's.
        using var reader = normalizer.OperationsClient(analyticsOnly);
        var openApi = JsonDocument.Parse(await reader.GetStringAsync($"{PublicRoutes.Normalizer}/openapi/v1.json")).RootElement;
        Assert.True(openApi.GetProperty("paths").TryGetProperty($"{PublicRoutes.Normalizer}/imports/csv", out _));
        using var import = await anonymous.PostAsync("/api/normalizer/imports/csv?importDate=2025-10-11", Csv("Learner\n"));
        Assert.Equal(HttpStatusCode.Unauthorized, import.StatusCode);
    }

    [RealSampleFact(RealSamples.Export)]
    public async Task The_7taps_export_imports_into_the_expected_rows_and_a_reimport_changes_nothing()
    {
        // Counted here with another CSV parser, from the file itself.
        var rows = ExportImport.Rows(ExportPath);
        var learners = rows.Select(row => row[0].Trim()).Distinct().Count();
        var lessons = rows.Select(row => row[3].Trim()).Distinct().Count();
        var questions = rows.Select(row => row[4].Trim()).Distinct().Count();

        // Another test of this collection may have imported the export already: then this import adds the rest (none).
        var importedBefore = (int)await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses WHERE source = 'csv'");
        var first = await ExportImport.PostAsync(normalizer, ExportPath);
        Assert.Equal((rows.Count, learners, lessons, questions, rows.Count - importedBefore, rows.Count - importedBefore),
            (first.GetProperty("rows").GetInt32(), first.GetProperty("learners").GetInt32(), first.GetProperty("lessons").GetInt32(),
             first.GetProperty("questions").GetInt32(), first.GetProperty("responsesAdded").GetInt32(), first.GetProperty("activitiesAdded").GetInt32()));
        Assert.Equal(learners, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.users WHERE source = 'csv'"));
        Assert.Equal(questions, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.questions WHERE source = 'csv'"));
        Assert.Equal(rows.Count, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses WHERE source = 'csv'"));
        Assert.Equal(rows.Count, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities WHERE source = 'csv'"));
        Assert.Equal(lessons, await normalizer.ScalarAsync<long>("SELECT count(DISTINCT lesson_url) FROM analysis.user_responses WHERE source = 'csv'"));
        // Lesson 1 is in the (sample) catalogue with its URL: imported answers join that lesson; lesson 3 has no URL there.
        Assert.Equal("Notice Your Habits", await normalizer.ScalarAsync<string>(
            "SELECT lesson_name FROM analysis.lessons WHERE lesson_url = $1", TestStatements.CatalogueLesson));
        Assert.Equal("Single-Tasking", await normalizer.ScalarAsync<string>(
            "SELECT lesson_name FROM analysis.lessons WHERE lesson_url = 'urn:seventaps:csv:lesson:3'"));
        await ExportImport.AssertDatedOnTheImportDateAndReimportedUnchangedAsync(normalizer, ExportPath);
    }

    [RealSampleFact(RealSamples.Export)]
    public async Task Imported_form_answers_carry_the_sentiment_the_normalizer_gives_free_text() =>
        // Counted from the file with another CSV parser: the non-empty answers on form cards.
        await ExportImport.FormAnswersCarrySentimentAsync(normalizer, ExportPath,
            ExportImport.Rows(ExportPath).Count(row => row[2].Trim() == "Form" && row[6].Length > 0));

    [RealSampleFact(RealSamples.Export)]
    public async Task Voiding_the_only_statement_of_a_lesson_with_imported_answers_keeps_the_lesson() =>
        await ExportImport.VoidingTheOnlyStatementOfALessonKeepsItAsync(normalizer, ExportPath);

    [Fact]
    public async Task A_malformed_export_gets_a_400_naming_line_and_column_and_writes_nothing()
    {
        using var client = normalizer.OperationsClient();
        var responsesBefore = await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses");
        const string header = "Learner,Card,Card type,Lesson Number,Global Q#,PDF Page #,Response\n";

        using var badNumber = await client.PostAsync("/api/normalizer/imports/csv?importDate=2025-10-11",
            Csv(header + "Learner 90,\"Card 1 (Poll): Q\",Poll,1,1,6,Yes\nLearner 91,\"Card 1 (Poll): Q\",Poll,1,abc,6,No\n"));
        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
        var errors = JsonDocument.Parse(await badNumber.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["line 3, column 'Global Q#'"], errors.EnumerateObject().Select(error => error.Name));

        using var unclosed = await client.PostAsync("/api/normalizer/imports/csv?importDate=2025-10-11", Csv(header + "Learner 90,\"Card 1 (Poll): Q,Poll,1,1,6,Yes\n"));
        Assert.Equal(HttpStatusCode.BadRequest, unclosed.StatusCode);
        Assert.Contains("line 2", await unclosed.Content.ReadAsStringAsync());

        using var missingColumn = await client.PostAsync("/api/normalizer/imports/csv?importDate=2025-10-11", Csv("Learner,Card\nLearner 90,x\n"));
        Assert.Equal(HttpStatusCode.BadRequest, missingColumn.StatusCode);
        Assert.Contains("column 'Global Q#'", await missingColumn.Content.ReadAsStringAsync());

        using var noDate = await client.PostAsync("/api/normalizer/imports/csv", Csv(header));
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.Contains("importDate", await noDate.Content.ReadAsStringAsync());

        Assert.Equal(responsesBefore, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses"));
    }

    [Fact]
    public async Task A_dead_letter_is_listed_and_once_its_cause_is_fixed_replayed_and_normalized()
    {
        var id = Guid.NewGuid();
        var statement = TestStatements.Statement(id, "dead-letter-learner", TestStatements.Answered,
            TestStatements.Card("https://courses.example.com/dead", "poll", 1, "Replayed?"), TestStatements.Start, "https://courses.example.com/dead",
            TestStatements.Response("yes"));
        await normalizer.NormalizeAsync([statement]);
        // The cause: the statement is missing from the store when its entry arrives (parked aside, to be put back).
        await normalizer.ExecuteAsync($"""
            CREATE TABLE public.parked_{id:N} AS SELECT * FROM xapi.statements WHERE id = '{id}';
            DELETE FROM analysis.user_responses WHERE statement_id = '{id}';
            DELETE FROM analysis.user_activities WHERE statement_id = '{id}';
            -- The summaries of those rows too (this learner and question have no others), as voiding would.
            DELETE FROM analysis.learner_lesson_days WHERE user_id = 'dead-letter-learner';
            DELETE FROM analysis.learner_lessons WHERE user_id = 'dead-letter-learner';
            DELETE FROM analysis.learner_totals WHERE user_id = 'dead-letter-learner';
            DELETE FROM analysis.question_answer_counts WHERE question_id LIKE 'https://courses.example.com/dead/%';
            DELETE FROM analysis.free_text_sentiment_counts WHERE question_id LIKE 'https://courses.example.com/dead/%';
            DELETE FROM xapi.statements WHERE id = '{id}';
            """);
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        await using (var redis = await normalizer.RedisAsync())
        {
            await redis.GetDatabase().StreamAddAsync(StatementStream.Key,
                [new(StatementStream.StatementIdField, id.ToString()), new(StatementStream.TraceParentField, traceParent)]);
        }

        using var client = normalizer.OperationsClient();
        JsonElement letter = default;
        await Eventually.HoldsAsync(async () =>
        {
            var page = JsonDocument.Parse(await client.GetStringAsync("/api/normalizer/dead-letters?limit=1000")).RootElement;
            letter = page.GetProperty("items").EnumerateArray().FirstOrDefault(item => item.GetProperty("statementId").GetString() == id.ToString());
            return letter.ValueKind == JsonValueKind.Object;
        }, seconds: 90);
        Assert.Contains("not found", letter.GetProperty("reason").GetString());
        Assert.Equal(OperationsFixture.MaxDeliveries, letter.GetProperty("deliveries").GetInt64());
        var entryId = letter.GetProperty("entryId").GetString()!;
        // Paging one by one (after = the previous page's next) finds it too.
        var paged = new List<string>();
        for (string? after = null; ;)
        {
            var page = JsonDocument.Parse(await client.GetStringAsync($"/api/normalizer/dead-letters?limit=1{(after is null ? "" : $"&after={after}")}")).RootElement;
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("entryId").GetString()!));
            if (page.GetProperty("next").GetString() is not { } next)
            {
                break;
            }
            after = next;
        }
        Assert.Contains(entryId, paged);
        Assert.Equal(paged.Count, paged.Distinct().Count());

        await normalizer.ExecuteAsync($"INSERT INTO xapi.statements OVERRIDING SYSTEM VALUE SELECT * FROM public.parked_{id:N}; DROP TABLE public.parked_{id:N}");
        // The worker may normalize the re-added entry and housekeeping trim it before a plain read: a blocking read
        // from the stream's last id, sent before the replay, is handed the entry as it is added.
        await using var watcher = await normalizer.RedisAsync();
        var lastId = (string)(await watcher.GetDatabase().StreamInfoAsync(StatementStream.Key)).LastGeneratedId!;
        var added = watcher.GetDatabase().ExecuteAsync("XREAD", "COUNT", 1, "BLOCK", 4000, "STREAMS", StatementStream.Key, lastId);
        using var replay = await client.PostAsync($"/api/normalizer/dead-letters/{entryId}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var requeued = JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement.GetProperty("statementStreamEntryId").GetString()!;
        static RedisResult[] Items(RedisResult result) => (RedisResult[]?)result ?? throw new InvalidOperationException("XREAD returned nothing");
        // XREAD answers { stream: [[id, [field, value, ...]]] } over RESP3, [[stream, [[id, [...]]]]] over RESP2.
        var answer = await added;
        var streamAndEntries = answer.Resp3Type == ResultType.Map ? Items(answer) : Items(Items(answer)[0]);
        var entry = Items(Items(streamAndEntries[1])[0]);
        var fields = Items(entry[1]);
        var values = Enumerable.Range(0, fields.Length / 2).ToDictionary(index => (string)fields[2 * index]!, index => (string)fields[2 * index + 1]!);
        Assert.Equal(requeued, (string)entry[0]!);
        Assert.Equal((id.ToString(), traceParent), (values[StatementStream.StatementIdField], values[StatementStream.TraceParentField]));
        using var again = await client.PostAsync($"/api/normalizer/dead-letters/{entryId}/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        await Eventually.HoldsAsync(async () => await normalizer.ScalarAsync<long>(
            "SELECT count(*) FROM analysis.user_responses WHERE statement_id = $1", id) == 1, seconds: 60);
        var remaining = JsonDocument.Parse(await client.GetStringAsync("/api/normalizer/dead-letters?limit=1000")).RootElement.GetProperty("items");
        Assert.DoesNotContain(remaining.EnumerateArray(), item => item.GetProperty("entryId").GetString() == entryId);
    }

    [Fact]
    public async Task Loading_a_catalogue_relabels_existing_lessons_and_labels_new_statements()
    {
        const string lesson = "https://courses.example.com/relabel";
        await normalizer.NormalizeAsync([TestStatements.Statement(Guid.NewGuid(), "catalogue-learner", TestStatements.Answered,
            TestStatements.Card(lesson, "poll", 1, "Before"), TestStatements.Start, lesson, TestStatements.Response("a"))]);
        Assert.Null(await normalizer.ScalarAsync<string>("SELECT lesson_number FROM analysis.lessons WHERE lesson_url = $1", lesson));

        var catalogue = JsonNode.Parse(await File.ReadAllTextAsync(CataloguePath))!;
        catalogue["lessons"]!["1"]!["lesson_name"] = "Start Strong, renamed";
        catalogue["lessons"]!["42"] = new JsonObject { ["lesson_number"] = 42, ["lesson_name"] = "Added at run time", ["lesson_url"] = lesson };
        const string newLesson = "https://courses.example.com/added-later";
        catalogue["lessons"]!["43"] = new JsonObject { ["lesson_number"] = 43, ["lesson_name"] = "Added before its first statement", ["lesson_url"] = newLesson };
        using var client = normalizer.OperationsClient();
        var file = $"mapping-{Guid.NewGuid():N}.json";
        try
        {
            using var put = await client.PutAsync($"/api/normalizer/catalogue?fileName={file}", new StringContent(catalogue.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

            // Existing rows: relabelled by the load itself.
            Assert.Equal(("42", "Added at run time"), (await normalizer.ScalarAsync<string>("SELECT lesson_number FROM analysis.lessons WHERE lesson_url = $1", lesson),
                await normalizer.ScalarAsync<string>("SELECT lesson_name FROM analysis.lessons WHERE lesson_url = $1", lesson)));
            var stored = JsonDocument.Parse(await client.GetStringAsync("/api/normalizer/catalogue")).RootElement;
            Assert.Equal("Start Strong, renamed", stored.GetProperty("document").GetProperty("lessons").GetProperty("1").GetProperty("lesson_name").GetString());

            // New statements: labelled by the new catalogue.
            await normalizer.NormalizeAsync([TestStatements.Statement(Guid.NewGuid(), "catalogue-learner", TestStatements.Answered,
                TestStatements.Card(newLesson, "poll", 1, "After"), TestStatements.Start, newLesson, TestStatements.Response("b"))]);
            Assert.Equal("Added before its first statement", await normalizer.ScalarAsync<string>("SELECT lesson_name FROM analysis.lessons WHERE lesson_url = $1", newLesson));

            using var invalid = await client.PutAsync($"/api/normalizer/catalogue?fileName={file}", new StringContent("{\"lessons\": {}}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

            // Each load left one audit record: the stored one with what it did, the refused one with why.
            var records = await normalizer.RowsAsync("SELECT action, outcome, detail, via FROM audit.records WHERE target = $1 ORDER BY id", file);
            Assert.Equal([("lesson-catalogue.load", "succeeded", "api"), ("lesson-catalogue.load", "failed", "api")],
                records.Select(record => ((string)record["action"]!, (string)record["outcome"]!, (string)record["via"]!)));
            Assert.Matches(@"^\d+ lessons, new catalogue; [1-9]\d* lessons relabelled$", (string)records[0]["detail"]!);
            Assert.Contains("no lessons", (string)records[1]["detail"]!);
        }
        finally
        {
            using var restore = await client.PutAsync("/api/normalizer/catalogue", new StringContent(await File.ReadAllTextAsync(CataloguePath), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        }
    }

    [Fact]
    public async Task A_catalogue_loaded_by_another_process_reaches_the_running_worker_within_seconds()
    {
        const string lesson = "https://courses.example.com/loaded-elsewhere";
        var catalogue = JsonNode.Parse(await File.ReadAllTextAsync(CataloguePath))!;
        catalogue["lessons"]!["44"] = new JsonObject { ["lesson_number"] = 44, ["lesson_name"] = "Loaded by the command", ["lesson_url"] = lesson };
        var file = Path.GetTempFileName();
        using var client = normalizer.OperationsClient();
        try
        {
            await File.WriteAllTextAsync(file, catalogue.ToJsonString());
            var (loaded, output) = await ServiceCommand.RunAsync(normalizer.App, ResourceNames.NormalizerWorker, "catalogue", "load", file);
            Assert.True(loaded == 0, output);
            var record = Assert.Single(await normalizer.RowsAsync("SELECT action, outcome, via, user_name FROM audit.records WHERE target = $1", Path.GetFileName(file)));
            Assert.Equal(("lesson-catalogue.load", "succeeded", "command", Environment.UserName),
                ((string)record["action"]!, (string)record["outcome"]!, (string)record["via"]!, (string)record["user_name"]!));

            await normalizer.NormalizeAsync([TestStatements.Statement(Guid.NewGuid(), "catalogue-learner", TestStatements.Answered,
                TestStatements.Card(lesson, "poll", 1, "Labelled?"), TestStatements.Start, lesson, TestStatements.Response("c"))]);
            await Eventually.HoldsAsync(async () =>
                await normalizer.ScalarAsync<string>("SELECT lesson_name FROM analysis.lessons WHERE lesson_url = $1", lesson) == "Loaded by the command", seconds: 10);
        }
        finally
        {
            File.Delete(file);
            using var restore = await client.PutAsync("/api/normalizer/catalogue", new StringContent(await File.ReadAllTextAsync(CataloguePath), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        }
    }

    [RealSampleFact(RealSamples.Export)]
    public async Task The_import_command_imports_the_real_export()
    {
        var (imported, importOutput) = await ServiceCommand.RunAsync(normalizer.App, ResourceNames.NormalizerWorker, "import-csv", ExportPath, "--import-date", "2025-10-11");
        Assert.True(imported == 0, importOutput);
        Assert.Contains("373 rows: 15 learners, 10 lessons, 98 questions", importOutput);
        Assert.Equal(373, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses WHERE source = 'csv'"));
    }

    [RealSampleFact(RealSamples.Export)]
    public async Task The_import_command_tells_analytics_that_cached_answers_are_stale() =>
        await ExportImport.ImportCommandBumpsTheDataVersionAsync(normalizer, ExportPath);

    private static StringContent Csv(string text) => ExportImport.Csv(text);
}
