using System.Diagnostics;
using System.Text.Json.Nodes;
using SevenTaps.Generator;

namespace Dashboard.Tests;

/// <summary>Open dashboards follow new statements without a reload, and the views open at the same time share one API call per tile.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveTests(DashboardFixture dashboard)
{
    /// <summary>The target is 2 s from the normalizer's commit; the rest is room for a machine shared with other builds.</summary>
    private static readonly TimeSpan LiveBound = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Open_overviews_show_new_statements_within_seconds_of_their_commit_from_one_shared_call_per_tile()
    {
        var first = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        var second = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        await first.OpenAsync("/", "overview");
        await second.OpenAsync("/", "overview");
        var before = await FiguresAsync(first);
        Assert.Equal(before, await FiguresAsync(second));

        // A new learner answers two cards a minute ago: one more learner (also active in the last 7 and 30 days), two more statements.
        var learner = "live-" + Guid.NewGuid().ToString("N")[..8];
        var statements = NewLearnerAnswers(learner, 2);
        await dashboard.SendStatementsAsync(statements.Select(statement => statement.Json));
        try
        {
            var committed = await CommittedAsync(learner, 2);
            var expected = before with { Learners = before.Learners + 1, Active7 = before.Active7 + 1, Active30 = before.Active30 + 1, Statements = before.Statements + 2 };

            foreach (var page in new[] { first, second })
            {
                var shown = await ShownWithinAsync(page, expected, committed);
                Assert.True(shown == expected, $"{shown} shown {LiveBound.TotalSeconds} s after the commit instead of {expected}");
                await Assertions.Expect(page.Page.Locator("[data-tile='overview'] [data-updated]")).ToContainTextAsync("updated");
            }
            // Both views show the answer of one and the same call to Analytics.Api.
            Assert.Equal(await first.TileCallAsync("overview"), await second.TileCallAsync("overview"));
            Assert.Equal(await first.TileCallAsync("lessons"), await second.TileCallAsync("lessons"));
            await first.ScreenshotAsync("overview-live");
        }
        finally
        {
            // Voiding them is new data too; and, pass or fail, it leaves the course as the other tests know it.
            await dashboard.SendStatementsAsync(statements.Select(statement => Voiding(statement.Id, learner)));
        }
        // The figures go back, live, to what they were.
        var voided = await CommittedAsync(learner, 0);
        Assert.Equal(before, await ShownWithinAsync(first, before, voided));
    }

    private sealed record Figures(long Learners, long Active7, long Active30, long Statements);

    private static async Task<Figures> FiguresAsync(DashboardPage page) =>
        new(await page.FigureAsync("learners"), await page.FigureAsync("active7"), await page.FigureAsync("active30"), await page.FigureAsync("statements"));

    /// <summary>The figures once they are <paramref name="expected"/>, or as they are when <see cref="LiveBound"/> after <paramref name="since"/> has passed.</summary>
    private static async Task<Figures> ShownWithinAsync(DashboardPage page, Figures expected, long since)
    {
        Figures shown;
        while ((shown = await FiguresAsync(page)) != expected && Stopwatch.GetElapsedTime(since) < LiveBound)
        {
            await Task.Delay(50);
        }
        return shown;
    }

    /// <summary>Waits until the learner has exactly <paramref name="activities"/> activity rows (the normalizer committed), and returns when it saw that.</summary>
    private async Task<long> CommittedAsync(string learner, long activities)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await dashboard.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities WHERE user_id = $1", learner) != activities)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the normalizer did not commit {learner}'s statements");
            await Task.Delay(50);
        }
        return Stopwatch.GetTimestamp();
    }

    /// <summary>Answers (not free text) of the generated course's first learner, given to a new learner and dated a minute ago.</summary>
    private List<(Guid Id, string Json)> NewLearnerAnswers(string learner, int count) =>
        new CourseGenerator(dashboard.Truth.Options).Statements()
            .Where(statement => statement.Kind == StatementKind.Answered && statement.FreeText is null)
            .Take(count)
            .Select(statement =>
            {
                var json = JsonNode.Parse(statement.Json)!.AsObject();
                var id = Guid.NewGuid();
                json["id"] = id.ToString();
                json["actor"] = Actor(learner);
                json["timestamp"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
                return (id, json.ToJsonString());
            })
            .ToList();

    private static string Voiding(Guid statementId, string learner) => new JsonObject
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["actor"] = Actor(learner),
        ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/voided" },
        ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = statementId.ToString() },
    }.ToJsonString();

    private static JsonObject Actor(string learner) => new() { ["account"] = new JsonObject { ["homePage"] = "https://7taps.com", ["name"] = learner } };
}
