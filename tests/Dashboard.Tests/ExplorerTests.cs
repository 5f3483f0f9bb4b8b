using System.Text;
using Npgsql;
using SevenTaps.Contracts;

namespace Dashboard.Tests;

/// <summary>
/// The data explorer as a viewer uses it: filters chosen in the form, the rows and total read from the page and the
/// CSV downloaded, each checked against PostgreSQL's own answer to the same question.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ExplorerTests(DashboardFixture dashboard)
{
    private const int PageSize = 25;

    /// <summary>Words of the generator's themes: the test searches for the one a lesson's answers use most.</summary>
    private static readonly string[] Words = ["sleep", "phone", "stress", "focus", "friends", "energy", "walk", "scroll", "confidence"];

    [Fact]
    public async Task A_viewer_filters_answers_by_lesson_and_a_word_pages_sorts_and_downloads_every_row()
    {
        var (lesson, word, newestFirst) = await BusiestLessonAndWordAsync();
        Assert.True(newestFirst.Count > PageSize, $"the test needs more than one page: {newestFirst.Count} answers");

        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await page.Page.GotoAsync("/explorer");
        await page.ExplorerAsync();
        var (all, _) = await page.ExplorerTotalAsync();
        Assert.Equal(await CountAsync("SELECT count(*) FROM analysis.user_responses"), all);

        // The filter, chosen in the form as a person would; applying it puts it in the URL.
        await page.Page.GetByLabel("Lesson", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = lesson });
        await page.Page.GetByLabel("Search answers").FillAsync(word);
        await page.Page.GetByLabel("Rows per page").SelectOptionAsync(PageSize.ToString());
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.Page.WaitForURLAsync(url => url.Contains($"q={word}") && url.Contains("lesson=" + Uri.EscapeDataString(lesson)) && url.Contains($"pageSize={PageSize}"), new() { WaitUntil = WaitUntilState.Commit });
        var filtered = page.Page.Url;

        // The total and the first page: PostgreSQL's answers, newest first.
        await Assertions.Expect(page.Page.Locator("[data-tile='explorer'] .explorer-total")).ToHaveAttributeAsync("data-total", newestFirst.Count.ToString());
        await page.ExplorerAsync();
        Assert.Equal((newestFirst.Count, true), await page.ExplorerTotalAsync());
        Assert.Equal(newestFirst.Take(PageSize), await page.ExplorerRowIdsAsync());
        await page.ScreenshotAsync("explorer");

        // Next and Previous walk the keyset pages.
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("[data-tile='explorer'] .pager-rows")).ToHaveAttributeAsync("data-rows", $"{PageSize + 1}-{Math.Min(2 * PageSize, newestFirst.Count)}");
        await page.ExplorerAsync();
        Assert.Equal(newestFirst.Skip(PageSize).Take(PageSize), await page.ExplorerRowIdsAsync());
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Previous" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("[data-tile='explorer'] .pager-rows")).ToHaveAttributeAsync("data-rows", $"1-{PageSize}");
        await page.ExplorerAsync();
        Assert.Equal(newestFirst.Take(PageSize), await page.ExplorerRowIdsAsync());

        // The CSV: every row of the filter, not one page, through the dashboard (the browser has no API key).
        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var csv = Csv.Parse(await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8));
        var idColumn = csv[0].IndexOf("statementId");
        Assert.True(idColumn >= 0, string.Join(",", csv[0]));
        Assert.Equal(newestFirst.Count, csv.Count - 1);
        Assert.Equal(newestFirst, csv.Skip(1).Select(record => Guid.Parse(record[idColumn])));

        // Sorting by a column asks PostgreSQL for that order from the first page, and the URL says so.
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Learner", Exact = true }).ClickAsync();
        await page.Page.WaitForURLAsync(url => url.Contains("sort=learner"), new() { WaitUntil = WaitUntilState.Commit });
        var byLearner = await IdsAsync(lesson, word, "r.user_id, r.statement_id");
        await Assertions.Expect(page.Page.Locator("[data-tile='explorer'] tbody time[data-statement]").First).ToHaveAttributeAsync("data-statement", byLearner[0].ToString());
        await page.ExplorerAsync();
        Assert.Equal(byLearner.Take(PageSize), await page.ExplorerRowIdsAsync());
        var learnerHeader = page.Page.Locator("[data-tile='explorer'] th").Filter(new() { Has = page.Page.GetByRole(AriaRole.Button, new() { Name = "Learner", Exact = true }) });
        Assert.Equal("ascending", await learnerHeader.GetAttributeAsync("aria-sort"));

        // The filtered address, opened by someone else, shows the same view.
        var shared = new DashboardPage(await dashboard.NewPageAsync());
        await shared.SignInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        await shared.Page.GotoAsync(filtered);
        await Assertions.Expect(shared.Page.Locator("[data-tile='explorer'] .explorer-total")).ToHaveAttributeAsync("data-total", newestFirst.Count.ToString());
        await shared.ExplorerAsync();
        Assert.Equal(newestFirst.Take(PageSize), await shared.ExplorerRowIdsAsync());
        Assert.Equal(word, await shared.Page.GetByLabel("Search answers").InputValueAsync());
    }

    [Fact]
    public async Task One_learners_activities_and_a_poll_cards_answer_distribution_are_the_true_ones()
    {
        var learner = await ScalarAsync<string>("SELECT user_id FROM analysis.user_activities GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1");
        var activities = await CountAsync($"SELECT count(*) FROM analysis.user_activities WHERE user_id = '{learner.Replace("'", "''")}'");
        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);

        await page.Page.GotoAsync($"/explorer?view=activities&learner={Uri.EscapeDataString(learner)}");
        await Assertions.Expect(page.Page.Locator("[data-tile='explorer'] .explorer-total")).ToHaveAttributeAsync("data-total", activities.ToString());
        await page.ExplorerAsync();
        Assert.Equal(Math.Min(activities, 50), (await page.ExplorerRowIdsAsync()).Count);
        // Answers-only filters are not offered for activities.
        Assert.Equal(0, await page.Page.GetByLabel("Search answers").CountAsync());
        await page.ScreenshotAsync("explorer-activities");

        // The drop-off page of a lesson lists its cards; a poll card's link opens the explorer on it, which shows how
        // learners answered it: the generator's distribution.
        var poll = dashboard.Truth.Questions.Where(question => question.CardType == "poll" && question.Answers > 0).OrderByDescending(question => question.Answers).First();
        await page.OpenAsync($"/dropoff?lesson={Uri.EscapeDataString(dashboard.Truth.Lesson(poll.LessonNumber).Url)}", "cards");
        var card = page.Page.Locator($"[data-table='cards'] tr[data-card='{poll.Id}']");
        Assert.Equal(poll.Answers, DashboardPage.Number(await card.Locator("td.num").First.InnerTextAsync()));
        await card.GetByRole(AriaRole.Link).ClickAsync();
        await page.Page.WaitForURLAsync(url => url.Contains("card=" + Uri.EscapeDataString(poll.Id)), new() { WaitUntil = WaitUntilState.Commit });
        var tile = await page.TileAsync("answers");
        Assert.Equal(poll.Id, await page.Page.GetByLabel("Card", new() { Exact = true }).InputValueAsync());
        foreach (var (choice, count) in poll.Distribution!)
        {
            Assert.Equal(count, DashboardPage.Number(await tile.Locator($"tr[data-choice='{choice}'] [data-col='count']").InnerTextAsync()));
        }
        await Assertions.Expect(page.Page.Locator("[data-tile='answers'] .js-plotly-plot")).ToHaveCountAsync(1, new() { Timeout = 90_000 });
        await Assertions.Expect(page.Page.Locator("[data-tile='explorer'] .explorer-total")).ToHaveAttributeAsync("data-total", poll.Answers.ToString());
        await page.ScreenshotAsync("explorer-card");
    }

    [Fact]
    public async Task The_export_needs_sign_in()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = dashboard.Gateway };
        using var response = await http.GetAsync("/explorer/export?q=sleep");
        Assert.Contains("/account/login", response.Headers.Location?.ToString() ?? $"(status {(int)response.StatusCode}, no redirect)");
    }

    /// <summary>The lesson and theme word with the most matching answers, and those answers' ids newest first (PostgreSQL's own full-text match).</summary>
    private async Task<(string Lesson, string Word, IReadOnlyList<Guid> NewestFirst)> BusiestLessonAndWordAsync()
    {
        (string Lesson, string Word, long Count) best = ("", "", -1);
        await using var connection = await OpenAsync();
        foreach (var word in Words)
        {
            await using var command = new NpgsqlCommand("""
                SELECT r.lesson_url, count(*) FROM analysis.user_responses r
                WHERE r.lesson_url IS NOT NULL AND to_tsvector('english', coalesce(r.response_text, '')) @@ plainto_tsquery('english', $1)
                GROUP BY r.lesson_url ORDER BY count(*) DESC, r.lesson_url LIMIT 1
                """, connection) { Parameters = { new() { Value = word } } };
            await using var rows = await command.ExecuteReaderAsync();
            if (await rows.ReadAsync() && rows.GetInt64(1) > best.Count)
            {
                best = (rows.GetString(0), word, rows.GetInt64(1));
            }
        }
        return (best.Lesson, best.Word, await IdsAsync(best.Lesson, best.Word, "r.\"timestamp\" DESC, r.statement_id DESC"));
    }

    private async Task<IReadOnlyList<Guid>> IdsAsync(string lesson, string word, string orderBy)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT r.statement_id FROM analysis.user_responses r
            WHERE r.lesson_url = $1 AND to_tsvector('english', coalesce(r.response_text, '')) @@ plainto_tsquery('english', $2)
            ORDER BY {orderBy}
            """, connection) { Parameters = { new() { Value = lesson }, new() { Value = word } } };
        var ids = new List<Guid>();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            ids.Add(rows.GetGuid(0));
        }
        return ids;
    }

    private async Task<long> CountAsync(string sql) => await ScalarAsync<long>(sql);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(dashboard.App.GetConnectionString(ResourceNames.Database));
        await connection.OpenAsync();
        return connection;
    }
}
