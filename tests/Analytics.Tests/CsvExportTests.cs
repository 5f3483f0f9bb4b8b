using System.Net.Http.Headers;
using System.Text;
using SevenTaps.Contracts;

namespace Analytics.Tests;

/// <summary>
/// The generated course plus the sample export (<see cref="SampleFiles.Export"/>) and, where it exists, the real
/// one (<see cref="RealSamples.Export"/>), imported once for the collection, each dated on its own day.
/// </summary>
public sealed class CsvExportFixture : AnalyticsFixture
{
    public const string ImportDay = "2020-01-15";
    public const string OnImportDay = $"from={ImportDay}T00:00:00Z&to=2020-01-16T00:00:00Z";
    public const string SampleImportDay = "2020-03-10";
    public const string OnSampleImportDay = $"from={SampleImportDay}T00:00:00Z&to=2020-03-11T00:00:00Z";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportAsync(SampleFiles.Read(SampleFiles.Export), SampleImportDay, OnSampleImportDay);
        if (RealSamples.Exists(RealSamples.Export))
        {
            await ImportAsync(RealSamples.Read(RealSamples.Export), ImportDay, OnImportDay);
        }
    }

    private async Task ImportAsync(string csv, string day, string onDay)
    {
        using var client = Client();
        // Asked before the import, so the empty answer is cached: the import must make analytics drop it.
        Assert.Equal(0, (await client.GetJsonAsync($"/api/analytics/overview?{onDay}"))!["learners"]!.GetValue<long>());

        using var operations = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.NormalizerWorker) };
        operations.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        using var response = await operations.PostAsync($"{PublicRoutes.Normalizer}/imports/csv?importDate={day}",
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
/// The real 7taps export (<see cref="RealSamples"/>, tests run where it exists) and the sample export, imported
/// through the normalizer's operations API, answered by analytics; the expected figures were counted by hand from
/// each file. Their rows are dated on their import day, far from the generated course and from each other, so a
/// filter on that day sees that export alone (the sample's Global Q# 101..107 are none of the real export's 1..98).
/// </summary>
[Collection(CsvExportCollection.Name)]
public sealed class CsvExportTests(CsvExportFixture analytics)
{
    private const string OnImportDay = CsvExportFixture.OnImportDay;
    private const string OnSampleImportDay = CsvExportFixture.OnSampleImportDay;

    private readonly HttpClient _client = analytics.Client();

    [RealSampleFact(RealSamples.Export)]
    public async Task The_overview_of_the_import_day_counts_the_export() =>
        // Learner 01 .. Learner 15; one response per data row; lesson numbers 1..10.
        await AssertOverviewAsync(OnImportDay, learners: 15, responses: 373, lessons: 10);

    [Fact]
    public async Task The_overview_of_the_sample_import_day_counts_the_sample() =>
        // Learner 51 .. Learner 55; one response per data row; lesson numbers 1..4.
        await AssertOverviewAsync(OnSampleImportDay, learners: 5, responses: 20, lessons: 4);

    private async Task AssertOverviewAsync(string onDay, long learners, long responses, long lessons)
    {
        var overview = (await _client.GetJsonAsync($"/api/analytics/overview?{onDay}"))!;

        Assert.Equal((learners, responses, lessons),
            (overview["learners"]!.GetValue<long>(), overview["responses"]!.GetValue<long>(), overview["lessons"]!.GetValue<long>()));
    }

    [RealSampleFact(RealSamples.Export)]
    public async Task Learners_per_lesson_match_the_export() =>
        // Distinct learners with a row in each lesson, counted in the file.
        await AssertLearnersPerLessonAsync(OnImportDay,
            new() { ["1"] = 10, ["2"] = 8, ["3"] = 7, ["4"] = 5, ["5"] = 6, ["6"] = 2, ["7"] = 3, ["8"] = 2, ["9"] = 3, ["10"] = 4 });

    [Fact]
    public async Task Learners_per_lesson_match_the_sample() =>
        // Lesson 1: all five; 2: 51, 52, 54, 55; 3: 51, 53; 4: 51.
        await AssertLearnersPerLessonAsync(OnSampleImportDay, new() { ["1"] = 5, ["2"] = 4, ["3"] = 2, ["4"] = 1 });

    private async Task AssertLearnersPerLessonAsync(string onDay, Dictionary<string, long> expected)
    {
        var lessons = (await _client.GetJsonAsync($"/api/analytics/lessons?{onDay}&pageSize=100"))!["items"]!.AsArray();

        var started = lessons.ToDictionary(lesson => lesson!["lessonNumber"]!.GetValue<string>(), lesson => lesson!["started"]!.GetValue<long>());
        Assert.Equal(expected, started);
        Assert.All(lessons, lesson => Assert.Equal(0, lesson!["completed"]!.GetValue<long>())); // an export has no completions
    }

    [RealSampleFact(RealSamples.Export)]
    public async Task A_poll_distribution_matches_the_export() =>
        // Global Q# 2, lesson 1, "How are you feeling about ...": ten answers.
        await AssertPollAsync("", 2, new() { ["I'm ready for more energy"] = 6, ["Depends on the day"] = 2, ["I'm pretty energized right now"] = 2 });

    [Fact]
    public async Task A_poll_distribution_matches_the_sample() =>
        // Global Q# 101, lesson 1, "How did you sleep last night?": five answers.
        await AssertPollAsync($"&{OnSampleImportDay}", 101, new() { ["Like a log"] = 3, ["Not great"] = 1, ["On and off"] = 1 });

    private async Task AssertPollAsync(string filter, int globalQuestion, Dictionary<string, long> expected)
    {
        var answers = (await _client.GetJsonAsync($"/api/analytics/questions/answers?questionId={Uri.EscapeDataString($"urn:seventaps:csv:question:{globalQuestion}")}{filter}"))!;

        var distribution = answers["distribution"]!.AsArray()
            .ToDictionary(choice => choice!["description"]?.GetValue<string>() ?? choice!["choiceId"]!.GetValue<string>(), choice => choice!["count"]!.GetValue<long>());
        Assert.Equal(expected, distribution);
        Assert.Equal(expected.Values.Sum(), answers["question"]!["answers"]!.GetValue<long>());
    }
}
