using System.Net.Http.Headers;
using System.Text;
using SevenTaps.Contracts;

namespace Analytics.Tests;

/// <summary>The generated course plus the real export, imported once for the collection.</summary>
public sealed class CsvExportFixture : AnalyticsFixture
{
    public const string ImportDay = "2020-01-15";
    public const string OnImportDay = $"from={ImportDay}T00:00:00Z&to=2020-01-16T00:00:00Z";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var client = Client();
        // Asked before the import, so the empty answer is cached: the import must make analytics drop it.
        Assert.Equal(0, (await client.GetJsonAsync($"/api/analytics/overview?{OnImportDay}"))!["learners"]!.GetValue<long>());

        using var operations = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.NormalizerWorker) };
        operations.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var csv = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "focus_group_responses_pseudonymized.csv"));
        using var response = await operations.PostAsync($"{PublicRoutes.Normalizer}/imports/csv?importDate={ImportDay}",
            new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        // The import bumps the data version; analytics reads it at most once a second.
        await Task.Delay(Analytics.Api.Caching.AnalysisDataVersion.RefreshInterval + TimeSpan.FromMilliseconds(100));
    }
}

[CollectionDefinition(Name)]
public sealed class CsvExportCollection : ICollectionFixture<CsvExportFixture>
{
    public const string Name = "csv-export";
}

/// <summary>
/// The real 7taps export (shared/data/7taps), imported through the normalizer's operations API, answered by
/// analytics; the expected figures were counted by hand from the file. Its rows are dated on the import day, far
/// from the generated course, so a filter on that day sees the export alone.
/// </summary>
[Collection(CsvExportCollection.Name)]
public sealed class CsvExportTests(CsvExportFixture analytics)
{
    private const string OnImportDay = CsvExportFixture.OnImportDay;

    private readonly HttpClient _client = analytics.Client();


    [Fact]
    public async Task The_overview_of_the_import_day_counts_the_export()
    {
        var overview = (await _client.GetJsonAsync($"/api/analytics/overview?{OnImportDay}"))!;

        Assert.Equal(15, overview["learners"]!.GetValue<long>());    // Learner 01 .. Learner 15
        Assert.Equal(373, overview["responses"]!.GetValue<long>());  // one per data row
        Assert.Equal(10, overview["lessons"]!.GetValue<long>());     // lesson numbers 1..10
    }

    [Fact]
    public async Task Learners_per_lesson_match_the_export()
    {
        var lessons = (await _client.GetJsonAsync($"/api/analytics/lessons?{OnImportDay}&pageSize=100"))!["items"]!.AsArray();

        // Distinct learners with a row in each lesson, counted in the file.
        var expected = new Dictionary<string, long> { ["1"] = 10, ["2"] = 8, ["3"] = 7, ["4"] = 5, ["5"] = 6, ["6"] = 2, ["7"] = 3, ["8"] = 2, ["9"] = 3, ["10"] = 4 };
        var started = lessons.ToDictionary(lesson => lesson!["lessonNumber"]!.GetValue<string>(), lesson => lesson!["started"]!.GetValue<long>());
        Assert.Equal(expected, started);
        Assert.All(lessons, lesson => Assert.Equal(0, lesson!["completed"]!.GetValue<long>())); // the export has no completions
    }

    [Fact]
    public async Task A_poll_distribution_matches_the_export()
    {
        // Global Q# 2, lesson 1, "How are you feeling about ...": ten answers.
        var answers = (await _client.GetJsonAsync($"/api/analytics/questions/answers?questionId={Uri.EscapeDataString("urn:seventaps:csv:question:2")}"))!;

        var distribution = answers["distribution"]!.AsArray()
            .ToDictionary(choice => choice!["description"]?.GetValue<string>() ?? choice!["choiceId"]!.GetValue<string>(), choice => choice!["count"]!.GetValue<long>());
        Assert.Equal(new Dictionary<string, long> { ["I'm ready for more energy"] = 6, ["Depends on the day"] = 2, ["I'm pretty energized right now"] = 2 }, distribution);
        Assert.Equal(10, answers["question"]!["answers"]!.GetValue<long>());
    }
}
