using SevenTaps.Contracts;

namespace Normalizer.Tests;

[CollectionDefinition(Name)]
public sealed class SampleExportCollection : ICollectionFixture<OperationsFixture>
{
    public const string Name = "operations-sample";
}

/// <summary>
/// The import of the sample export (<see cref="SampleFiles.Export"/>), and the operations commands, on a system of
/// their own: the twins of the real export's tests in <see cref="OperationsTests"/>, which would otherwise count
/// its rows with the sample's. The expected figures were counted by hand from the sample (Samples/README.md).
/// </summary>
[Collection(SampleExportCollection.Name)]
public sealed class SampleExportTests(OperationsFixture normalizer) : IAsyncLifetime
{
    private static readonly string ExportPath = SampleFiles.Path(SampleFiles.Export);

    /// <summary>The catalogue the fixture starts with.</summary>
    private static readonly string CataloguePath = SampleFiles.Path(SampleFiles.Catalogue);

    public async Task InitializeAsync() => await normalizer.WaitForKeysAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_sample_export_imports_into_the_expected_rows_and_a_reimport_changes_nothing()
    {
        // Another test of this collection may have imported the export already: then this import adds the rest (none).
        var importedBefore = (int)await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses WHERE source = 'csv'");
        var first = await ExportImport.PostAsync(normalizer, ExportPath);
        // 20 rows; Learner 51..55; lessons 1..4; Global Q# 101..107.
        Assert.Equal((20, 5, 4, 7, 20 - importedBefore, 20 - importedBefore),
            (first.GetProperty("rows").GetInt32(), first.GetProperty("learners").GetInt32(), first.GetProperty("lessons").GetInt32(),
             first.GetProperty("questions").GetInt32(), first.GetProperty("responsesAdded").GetInt32(), first.GetProperty("activitiesAdded").GetInt32()));
        Assert.Equal(5, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.users WHERE source = 'csv'"));
        Assert.Equal(20, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses WHERE source = 'csv'"));
        Assert.Equal(20, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities WHERE source = 'csv'"));
        Assert.Equal(7, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses WHERE source = 'csv' AND user_id = 'urn:seventaps:csv:learner:learner%2051'"));
        // Each card's type, from the export's "Card type" column.
        var questions = await normalizer.RowsAsync("SELECT question_id, question_type FROM analysis.questions WHERE source = 'csv' ORDER BY question_id");
        Assert.Equal(
            ["101 poll", "102 form", "103 quiz", "104 rate", "105 submit media", "106 poll", "107 form"],
            questions.Select(row => $"{((string)row["question_id"]!)["urn:seventaps:csv:question:".Length..]} {row["question_type"]}"));
        Assert.Equal("📝 Your turn Write down one thing you want to do differently this week, however small.", await normalizer.ScalarAsync<string>(
            "SELECT question_text FROM analysis.questions WHERE question_id = 'urn:seventaps:csv:question:102'"));
        // A quoted answer with doubled quotes inside, and the two multi-select answers, as written.
        Assert.Equal(1, await normalizer.ScalarAsync<long>(
            "SELECT count(*) FROM analysis.user_responses WHERE source = 'csv' AND response_value = 'Stop saying \"just one more video\" at 1am'"));
        Assert.Equal(2, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses WHERE source = 'csv' AND response_value LIKE '% | %'"));
        // Lessons 1, 2 and 4 are in the catalogue with their URL: imported answers join those lessons; lesson 3 has no URL there.
        var lessons = await normalizer.RowsAsync(
            "SELECT DISTINCT r.lesson_url, l.lesson_number, l.lesson_name FROM analysis.user_responses r JOIN analysis.lessons l USING (lesson_url) WHERE r.source = 'csv' ORDER BY l.lesson_number");
        Assert.Equal(
            [
                $"{TestStatements.CatalogueLesson} 1 Notice Your Habits",
                "https://courses.example.org/Hp7nWx3CdY5e 2 Mornings Without the Feed",
                "urn:seventaps:csv:lesson:3 3 Single-Tasking",
                "https://courses.example.org/Tz9bQs6FgJ1u 4 Wind Down",
            ],
            lessons.Select(row => $"{row["lesson_url"]} {row["lesson_number"]} {row["lesson_name"]}"));
        await ExportImport.AssertDatedOnTheImportDateAndReimportedUnchangedAsync(normalizer, ExportPath);
    }

    [Fact]
    public async Task Imported_form_answers_carry_the_sentiment_the_normalizer_gives_free_text() =>
        // Cards 102 (three answers) and 107 (one) are the sample's form cards.
        await ExportImport.FormAnswersCarrySentimentAsync(normalizer, ExportPath, 4);

    [Fact]
    public async Task Voiding_the_only_statement_of_a_lesson_with_imported_answers_keeps_the_lesson() =>
        await ExportImport.VoidingTheOnlyStatementOfALessonKeepsItAsync(normalizer, ExportPath);

    [Fact]
    public async Task The_commands_create_a_scoped_key_load_the_catalogue_import_and_list_dead_letters()
    {
        var (created, keyOutput) = await ServiceCommand.RunAsync(normalizer.App, ResourceNames.AnalyticsApi, "api-keys", "create", "--name", "cli-operator", "--scopes", "admin");
        Assert.True(created == 0, keyOutput);
        var key = keyOutput.Split('\n').Single(line => line.StartsWith("key: ", StringComparison.Ordinal))["key: ".Length..].Trim();
        using (var client = normalizer.OperationsClient(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{PublicRoutes.Normalizer}/dead-letters")).StatusCode);
        }
        Assert.Equal(2, (await ServiceCommand.RunAsync(normalizer.App, ResourceNames.AnalyticsApi, "api-keys", "create", "--name", "x", "--scopes", "everything")).ExitCode);

        var (loaded, loadOutput) = await ServiceCommand.RunAsync(normalizer.App, ResourceNames.NormalizerWorker, "catalogue", "load", CataloguePath);
        Assert.True(loaded == 0, loadOutput);
        var (imported, importOutput) = await ServiceCommand.RunAsync(normalizer.App, ResourceNames.NormalizerWorker, "import-csv", ExportPath, "--import-date", "2025-10-11");
        Assert.True(imported == 0, importOutput);
        Assert.Contains("20 rows: 5 learners, 4 lessons, 7 questions", importOutput);
        Assert.Equal(20, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_responses WHERE source = 'csv'"));

        var malformed = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(malformed, "Learner,Card,Card type,Lesson Number,Global Q#,Response\nLearner 1,Card,Poll,1,,Yes\n");
            var (refused, refusal) = await ServiceCommand.RunAsync(normalizer.App, ResourceNames.NormalizerWorker, "import-csv", malformed, "--import-date", "2025-10-11");
            Assert.Equal(1, refused);
            Assert.Contains("line 2, column 'Global Q#': empty", refusal);
        }
        finally
        {
            File.Delete(malformed);
        }
        var (listed, listing) = await ServiceCommand.RunAsync(normalizer.App, ResourceNames.NormalizerWorker, "dead-letters", "list");
        Assert.True(listed == 0, listing);
    }

    [Fact]
    public async Task The_import_command_tells_analytics_that_cached_answers_are_stale() =>
        await ExportImport.ImportCommandBumpsTheDataVersionAsync(normalizer, ExportPath);
}
