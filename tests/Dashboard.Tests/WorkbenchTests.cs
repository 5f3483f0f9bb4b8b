using System.Globalization;
using System.Text;
using Npgsql;
using SevenTaps.Contracts;

namespace Dashboard.Tests;

/// <summary>
/// The SQL workbench in the browser against the whole system: true results, the guard's refusals with their reasons,
/// cancel seen in PostgreSQL, the row cap's badge and the whole export, saved versions and their diff, the history,
/// a share link opened by a viewer, and "open in workbench" giving a tile's own figure.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class WorkbenchTests(DashboardFixture dashboard)
{
    private const string AnalystEmail = DashboardFixture.AnalystEmail;

    /// <summary>Counts a billion numbers whose bound the planner cannot see (so under the guard's cost limit): far longer than its 10 s timeout.</summary>
    // A billion numbers the planner cannot see (it estimates 1,000), produced one at a time by ProjectSet: as a FROM item
    // generate_series is gathered into a tuplestore first, which reached the 1 GB temp_file_limit before the timeout.
    private const string LongQuery = "SELECT count(*) AS n FROM (SELECT generate_series(1, (SELECT 1000000000)) AS g) AS numbers";

    [Fact]
    public async Task An_analyst_runs_saves_versions_diffs_and_shares_a_query_that_a_viewer_opens_but_cannot_run()
    {
        var workbench = await AnalystAsync();
        await workbench.OpenAsync();

        // Completion from the published schema: a table after "analysis.", accepted with Tab.
        await workbench.Editor.FillAsync("");
        await workbench.Editor.PressSequentiallyAsync("SELECT count(*) AS learners FROM analysis.us");
        await Assertions.Expect(workbench.Page.GetByRole(AriaRole.Option, new() { Name = "users table" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await workbench.Editor.PressAsync("ArrowDown");
        await workbench.Editor.PressAsync("ArrowUp");
        await workbench.Editor.PressAsync("Tab");
        await Assertions.Expect(workbench.Editor).ToHaveValueAsync("SELECT count(*) AS learners FROM analysis.users", new() { Timeout = 15_000 });
        Assert.True(await workbench.Page.Locator(".sql-copy .sql-kw").CountAsync() >= 3, "keywords are highlighted");

        Assert.Equal("ok", await workbench.RunShownAsync());
        Assert.Equal(dashboard.Truth.Learners, await workbench.NumberAsync("learners"));
        var shareLink = await workbench.ShareLinkAsync();

        // Saved, changed, saved again: two versions and their diff.
        await workbench.SaveNewAsync("Learners", "How many learners there are");
        await workbench.Editor.FillAsync("SELECT count(*) AS learners\nFROM analysis.users\nWHERE email IS NULL");
        await workbench.SaveVersionAsync(2);
        Assert.Equal([
            "- SELECT count(*) AS learners FROM analysis.users",
            "+ SELECT count(*) AS learners",
            "+ FROM analysis.users",
            "+ WHERE email IS NULL",
        ], (await workbench.DiffAsync()).Select(line => line.TrimEnd()));
        Assert.Contains("Learners", await workbench.Page.Locator("[data-saved]").InnerTextAsync());

        // The history names who ran what; re-run runs it again.
        var latest = workbench.Page.Locator("[data-history] tbody tr").First;
        Assert.Contains(AnalystEmail, await latest.InnerTextAsync());
        Assert.Contains("SELECT count(*) AS learners FROM analysis.users", await latest.InnerTextAsync());
        var before = await workbench.Page.Locator("[data-history] tbody tr").CountAsync();
        await latest.GetByRole(AriaRole.Button, new() { Name = "Re-run" }).ClickAsync();
        await workbench.WaitForRunAsync(before);
        Assert.Equal(dashboard.Truth.Learners, await workbench.NumberAsync("learners"));
        await workbench.Page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "workbench.png"), FullPage = true });

        // The viewer opens the stored result; the workbench itself is not theirs, nor are the tiles' links to it.
        var viewer = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await viewer.Page.GotoAsync(shareLink);
        await Assertions.Expect(viewer.Page.Locator("[data-shared-sql]")).ToHaveTextAsync("SELECT count(*) AS learners FROM analysis.users", new() { Timeout = 30_000 });
        Assert.Equal(dashboard.Truth.Learners.ToString("N0"), await viewer.Page.Locator(".result tbody td").First.InnerTextAsync());
        Assert.Contains(AnalystEmail, await viewer.Page.Locator(".page").InnerTextAsync());
        await viewer.Page.GotoAsync("/workbench");
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(0, await viewer.Page.Locator("#workbench-sql").CountAsync());
        await viewer.OpenAsync("/", "overview");
        Assert.Equal(0, await viewer.Page.Locator("[data-open-in-workbench]").CountAsync());
        Assert.Equal(0, await viewer.Page.GetByRole(AriaRole.Link, new() { Name = "SQL workbench" }).CountAsync());
    }

    [Fact]
    public async Task Writes_second_statements_sleeps_and_role_switches_are_refused_with_their_reason()
    {
        var workbench = await AnalystAsync();
        await workbench.OpenAsync();
        foreach (var (sql, reason) in new[]
                 {
                     ("DELETE FROM analysis.users", "Refused: PostgreSQL does not accept it as one SELECT"),
                     ("SELECT 1; SELECT 2", "Refused: PostgreSQL does not accept it as one SELECT"),
                     ("SELECT pg_sleep(60)", "Refused: it calls pg_sleep"),
                     ("SET ROLE postgres", "Refused: PostgreSQL does not accept it as one SELECT"),
                     ("SELECT set_config('role', 'postgres', false)", "Refused: it calls set_config"),
                 })
        {
            Assert.Equal("refused", await workbench.RunAsync(sql));
            Assert.StartsWith(reason, await workbench.MessageAsync());
        }
    }

    [Fact]
    public async Task Cancel_ends_the_query_in_PostgreSQL()
    {
        var workbench = await AnalystAsync();
        await workbench.OpenAsync();
        await workbench.Editor.FillAsync(LongQuery);
        var before = await workbench.Page.Locator("[data-history] tbody tr").CountAsync();
        await workbench.Page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        var pid = await ActiveGuardedBackendAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(pid);
        await workbench.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await workbench.WaitForRunAsync(before);

        Assert.StartsWith("Cancelled: the query was stopped in PostgreSQL", await workbench.MessageAsync());
        Assert.Null(await ActiveGuardedBackendAsync(TimeSpan.Zero));
        Assert.Contains("cancelled", await workbench.Page.Locator("[data-history] tbody tr").First.InnerTextAsync());
    }

    [Fact]
    public async Task The_row_cap_shows_a_truncated_badge_and_the_CSV_has_every_row()
    {
        var activities = (long)(await ScalarAsync("SELECT count(*) FROM analysis.user_activities"))!;
        Assert.True(activities > 1_000, $"{activities} activities: the test needs more than the row cap");
        var workbench = await AnalystAsync();
        await workbench.OpenAsync();

        Assert.Equal("ok", await workbench.RunAsync("SELECT statement_id, verb FROM analysis.user_activities ORDER BY statement_id"));
        await Assertions.Expect(workbench.TruncatedBadge).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(1_000, (await workbench.RowsAsync()).Count);

        var download = await workbench.Page.RunAndWaitForDownloadAsync(() => workbench.Page.Locator("[data-export]").ClickAsync());
        var csv = Csv.Parse(await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8));
        Assert.Equal(["statement_id", "verb"], csv[0]);
        Assert.Equal(activities, csv.Count - 1);
        Assert.Equal((await workbench.RowsAsync())[0][0], csv[1][0]);
    }

    [Fact]
    public async Task The_overview_tile_opens_in_the_workbench_with_SQL_that_gives_its_figures()
    {
        var analyst = await dashboard.AnalystPageAsync();
        await analyst.OpenAsync("/", "overview");
        var learners = await analyst.FigureAsync("learners");
        var statements = await analyst.FigureAsync("statements");

        var tile = await analyst.TileAsync("overview");
        await tile.Locator("[data-open-in-workbench]").ClickAsync();
        var workbench = new WorkbenchPage(analyst);
        await Assertions.Expect(workbench.Editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("FROM analysis\\.learner_lessons"), new() { Timeout = 180_000 });
        Assert.Equal("ok", await workbench.RunShownAsync());

        Assert.Equal(learners, await workbench.NumberAsync("learners"));
        Assert.Equal(statements, await workbench.NumberAsync("statements"));
        Assert.Equal(dashboard.Truth.Learners, learners);
    }

    [Fact]
    public async Task The_funnel_engagement_at_risk_sentiment_flagged_and_explorer_views_open_in_the_workbench_with_SQL_that_gives_their_figures()
    {
        var analyst = await dashboard.AnalystPageAsync();
        var workbench = new WorkbenchPage(analyst);
        var cohort = (await dashboard.ScalarAsync<string>("SELECT min(date_trunc('week', first_seen AT TIME ZONE 'UTC')::date)::text FROM analysis.users"))!;
        var lesson = dashboard.Truth.Lessons.OrderBy(l => l.Number).First().Url;

        // The funnel of one cohort: lessons in course order, reached and stopped here.
        await analyst.OpenAsync($"/dropoff?cohort={cohort}", "dropoff");
        var funnel = await analyst.DropoffRowsAsync();
        Assert.NotEmpty(funnel);
        await workbench.OpenFromTileAsync(await analyst.TileAsync("dropoff"));
        Assert.Equal("ok", await workbench.RunShownAsync());
        Assert.Equal(funnel.Select(row => row.Lesson), await workbench.ColumnAsync("lesson_url"));
        Assert.Equal(funnel.Select(row => row.Reached), (await workbench.ColumnAsync("reached")).Select(DashboardPage.Number));
        Assert.Equal(funnel.Select(row => row.Stopped), (await workbench.ColumnAsync("stopped_here")).Select(DashboardPage.Number));

        // Engagement per week and cohort: every figure of the tile's table, in its order.
        await analyst.OpenAsync("/engagement", "engagement");
        var engagement = await FigureRowsAsync(await analyst.TileAsync("engagement"));
        Assert.NotEmpty(engagement);
        await workbench.OpenFromTileAsync(await analyst.TileAsync("engagement"));
        Assert.Equal("ok", await workbench.RunShownAsync());
        Assert.Equal(engagement, (await workbench.RowsAsync()).Select(row => string.Join(" | ", row)).ToList());

        // At-risk learners over a range: its end is the score's "as of", so both answers are for the same instant.
        var days = dashboard.Truth.Daily.OrderBy(day => day.Date).ToList();
        var (from, to) = (days[days.Count / 4].Date, days[days.Count / 4].Date.AddDays(28));
        await analyst.OpenAsync($"/learners?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", "at-risk");
        var atRisk = await analyst.TileAsync("at-risk");
        // "1,234 learners; the 50 most at risk:"
        var learners = DashboardPage.Number((await atRisk.Locator("p").First.InnerTextAsync()).Split(' ')[0]);
        var shown = new List<(string Learner, double Risk, string Lessons)>();
        foreach (var row in await atRisk.Locator("tbody tr").AllAsync())
        {
            shown.Add((await row.Locator("th").InnerTextAsync(), double.Parse(await row.Locator("td").Nth(0).InnerTextAsync(), CultureInfo.InvariantCulture),
                await row.Locator("td").Nth(2).InnerTextAsync()));
        }
        Assert.NotEmpty(shown);
        await workbench.OpenFromTileAsync(atRisk);
        Assert.Equal("ok", await workbench.RunShownAsync());
        Assert.Equal(learners, DashboardPage.Number((await workbench.ColumnAsync("learners"))[0]));
        Assert.Equal(shown.Select(row => row.Learner), await workbench.ColumnAsync("learner"));
        var started = await workbench.ColumnAsync("lessons_started");
        var completed = await workbench.ColumnAsync("lessons_completed");
        Assert.Equal(shown.Select(row => row.Lessons), started.Zip(completed, (s, c) => $"{s} / {c}"));
        var risks = (await workbench.ColumnAsync("risk")).Select(risk => double.Parse(risk, CultureInfo.InvariantCulture)).ToList();
        Assert.All(shown.Zip(risks), pair => Assert.Equal(pair.First.Risk, pair.Second, 0.0051));

        // Sentiment by lesson (answers and their classes per lesson, in the tile's order) and the flagged answers' total.
        await analyst.OpenAsync("/responses", "sentiment");
        var sentiment = new List<string>();
        foreach (var row in await (await analyst.TileAsync("sentiment")).Locator("tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            sentiment.Add($"{cells[0]} {cells[2]} {cells[3]} {cells[4]}");
        }
        Assert.NotEmpty(sentiment);
        await workbench.OpenFromTileAsync(await analyst.TileAsync("sentiment"));
        Assert.Equal("ok", await workbench.RunShownAsync());
        var (answers, positive, neutral, negative) = (await workbench.ColumnAsync("answers"), await workbench.ColumnAsync("positive"),
            await workbench.ColumnAsync("neutral"), await workbench.ColumnAsync("negative"));
        Assert.Equal(sentiment, answers.Select((count, i) => $"{count} {positive[i]} {neutral[i]} {negative[i]}"));
        await analyst.OpenAsync("/responses", "flagged");
        var flagged = DashboardPage.Number((await (await analyst.TileAsync("flagged")).Locator("p").First.InnerTextAsync()).Split(' ')[0]);
        await workbench.OpenFromTileAsync(await analyst.TileAsync("flagged"));
        Assert.Equal("ok", await workbench.RunShownAsync());
        Assert.Equal(flagged, DashboardPage.Number((await workbench.ColumnAsync("total"))[0]));

        // An explorer view with a lesson, sorted by learner, 25 rows a page: its first page and total.
        await analyst.Page.GotoAsync($"/explorer?lesson={Uri.EscapeDataString(lesson)}&sort=learner&pageSize=25");
        var explorer = await analyst.ExplorerAsync();
        var (total, exact) = await analyst.ExplorerTotalAsync();
        Assert.True(exact);
        var ids = await analyst.ExplorerRowIdsAsync();
        Assert.Equal(Math.Min(25, total), ids.Count);
        await workbench.OpenFromTileAsync(explorer);
        Assert.Equal("ok", await workbench.RunShownAsync());
        Assert.Equal(ids, (await workbench.ColumnAsync("statement_id")).Select(Guid.Parse));
        Assert.Equal(total, DashboardPage.Number((await workbench.ColumnAsync("total"))[0]));
        await analyst.ScreenshotAsync("workbench-from-explorer");
    }

    /// <summary>The engagement tile's figures (period, cohort, active learners, statements), one line a row.</summary>
    private static async Task<List<string>> FigureRowsAsync(ILocator tile)
    {
        var rows = new List<string>();
        foreach (var row in await tile.Locator("details tbody tr").AllAsync())
        {
            rows.Add(string.Join(" | ", (await row.Locator("td").AllTextContentsAsync()).Select(cell => cell.Trim())));
        }
        return rows;
    }

    private async Task<WorkbenchPage> AnalystAsync() => new(await dashboard.AnalystPageAsync());

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(dashboard.App.GetConnectionString(ResourceNames.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// The pid of a guarded query executing in PostgreSQL (the query role's, fetching from its cursor: past the guard's
    /// checks), waiting up to <paramref name="wait"/> for one.
    /// </summary>
    private async Task<int?> ActiveGuardedBackendAsync(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        do
        {
            if (await ScalarAsync("SELECT pid FROM pg_stat_activity WHERE usename = 'seventaps_query' AND state = 'active' AND query LIKE 'FETCH%' LIMIT 1") is int pid)
            {
                return pid;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return null;
    }
}
