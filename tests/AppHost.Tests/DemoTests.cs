using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SevenTaps.AppHost;
using SevenTaps.Contracts;

namespace AppHost.Tests;

/// <summary>
/// <c>--demo</c> as a new user meets it: a course in progress today, with lesson numbers and varied risk, loaded once per
/// data directory; and the whole application it ran in leaves no process behind once disposed.
/// </summary>
public sealed class DemoTests : IDisposable
{
    private const string ApiKey = "sta_demo-test-key-0001";
    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task The_demo_is_a_course_in_progress_loaded_once_and_its_application_leaves_no_process_behind()
    {
        await using var app = TestApplication.Create(_dataDirectory, "--demo", $"--SEVENTAPS_API_KEY={ApiKey}");
        await app.StartAsync();
        var course = app.App.Services.GetRequiredService<DemoCourse>();
        var truth = new SevenTaps.Generator.CourseGenerator(course.Options).Truth;
        // The demo as people get it (300 learners): its last day is today (UTC), and its learners were active until the
        // last few hours (a sparser course can go a day without activity).
        var end = course.Options.PeriodEnd;
        Assert.InRange(end, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow);
        Assert.Equal(DateOnly.FromDateTime(end.UtcDateTime), course.Options.CourseStart.AddDays((7 * course.Options.Weeks) - 1));
        Assert.InRange(truth.LastTimestamp!.Value, end.AddHours(-24), end);
        var marker = Path.Combine(_dataDirectory, DemoCourse.MarkerFile);
        await SystemProcesses.WaitUntilAsync(() => Task.FromResult(File.Exists(marker)), TimeSpan.FromSeconds(180), "the demo is loaded");
        // The marker (and the console) report what was sent: every statement of the course, stored.
        Assert.StartsWith($"{truth.Statements} statements", await File.ReadAllTextAsync(marker));
        Assert.Equal(truth.Statements, await CountStatementsAsync(app));
        await WaitUntilNormalizedAsync(app, truth.AnsweredStatements - truth.Voided + truth.CompletedStatements);

        using var client = new HttpClient { BaseAddress = app.GetEndpoint(ResourceNames.Gateway) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        var overview = JsonNode.Parse(await client.GetStringAsync("/api/analytics/overview"))!;
        Assert.Equal(truth.ActiveLearners, overview["learners"]!.GetValue<long>());
        var activeThisWeek = overview["activeLearners7Days"]!.GetValue<long>();
        Assert.InRange(activeThisWeek, 1, overview["activeLearners30Days"]!.GetValue<long>());
        Assert.Equal(truth.Daily.Where(day => day.Date >= DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-6))).Sum(day => day.Statements) > 0, activeThisWeek > 0);

        var lessons = JsonNode.Parse(await client.GetStringAsync("/api/analytics/lessons?pageSize=100"))!["items"]!.AsArray();
        Assert.Equal(truth.Lessons.Count, lessons.Count);
        // Numbered from the catalogue --demo loads.
        Assert.Equal(Enumerable.Range(1, truth.Lessons.Count), lessons.Select(lesson => int.Parse(lesson!["lessonNumber"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).Order());

        var learners = JsonNode.Parse(await client.GetStringAsync("/api/analytics/learners?pageSize=100&sort=-atRisk"))!["items"]!.AsArray();
        var risks = learners.Select(learner => learner!["atRiskScore"]!.GetValue<double>()).ToList();
        Assert.True(risks.Distinct().Count() >= 4, $"risk scores: {string.Join(", ", risks.Distinct())}");

        // Disposed, the whole application (six services, Redis and the postmaster) leaves no process behind.
        var pids = await app.ProcessIdsAsync();
        Assert.Equal(8, pids.Count);
        Assert.All(pids, pid => Assert.True(TestApplication.IsAlive(pid)));
        await app.DisposeAsync();
        Assert.All(pids, pid => Assert.False(TestApplication.IsAlive(pid), $"process {pid} is still running"));
        Assert.Empty(TestApplication.ProcessesMentioning(_dataDirectory));

        // Started again on the same data directory, --demo sends nothing: the database alone shows it.
        await using var again = TestApplication.Create(_dataDirectory, "--demo", "--only", ResourceNames.Database);
        await again.StartAsync();
        Assert.Null(again.App.Services.GetService<DemoCourse>());
        Assert.Equal(truth.Statements, await CountStatementsAsync(again));
    }

    private static async Task<long> CountStatementsAsync(TestSystem app)
    {
        await using var connection = new NpgsqlConnection(app.GetConnectionString(ResourceNames.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM xapi.statements", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every non-voided answered or completed statement has its activity row.</summary>
    private static async Task WaitUntilNormalizedAsync(TestSystem app, long activities)
    {
        await using var dataSource = NpgsqlDataSource.Create(app.GetConnectionString(ResourceNames.Database));
        await SystemProcesses.WaitUntilAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM analysis.user_activities");
            return (long)(await command.ExecuteScalarAsync())! == activities;
        }, TimeSpan.FromSeconds(120), $"the normalizer derives {activities} activities");
        // Analytics reads the data version once a second before it serves new answers.
        await Task.Delay(TimeSpan.FromSeconds(2));
    }
}
