namespace Dashboard.Tests;

/// <summary>
/// The newer tiles' links: "open in workbench" opens SQL whose result is the tile's figures (the completion heatmap,
/// sentiment over time, the themes' sample and a card's answers), and "Ask Seven about this" asks a question Seven
/// answers with the tile's figures (the heatmap, sentiment over time).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class TileLinkTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task The_heatmap_sentiment_over_time_themes_and_card_tiles_open_in_the_workbench_with_SQL_that_gives_their_figures()
    {
        var analyst = await dashboard.AnalystPageAsync();
        var workbench = new WorkbenchPage(analyst);

        // Every cell of the heatmap: per group (its ranks) and lesson, the learners who started and completed it.
        await analyst.OpenAsync("/dropoff", "completion-heatmap");
        var heatmap = (await analyst.HeatmapRowsAsync())
            .SelectMany(row => row.Cells.Where(cell => cell.Value[0] > 0).Select(cell => $"{row.First}-{row.Last} {row.Learners} {cell.Key} {cell.Value[0]} {cell.Value[1]}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(heatmap);
        await workbench.OpenFromTileAsync(await analyst.TileAsync("completion-heatmap"));
        Assert.Equal("ok", await workbench.RunShownAsync());
        var cells = await workbench.RowsAsync();
        var columns = (await workbench.ColumnsAsync()).ToList();
        Assert.Equal(heatmap, cells.Select(cell => string.Join(" ",
                $"{cell[columns.IndexOf("first_rank")]}-{cell[columns.IndexOf("last_rank")]}", cell[columns.IndexOf("learners")], cell[columns.IndexOf("lesson_url")],
                cell[columns.IndexOf("started")], cell[columns.IndexOf("completed")]))
            .Order(StringComparer.Ordinal));

        // Sentiment over time: every week's answers and their classes.
        await analyst.OpenAsync("/responses", "sentiment-weekly");
        var weeks = await analyst.SentimentWeeksAsync();
        await workbench.OpenFromTileAsync(await analyst.TileAsync("sentiment-weekly"));
        Assert.Equal("ok", await workbench.RunShownAsync());
        var week = await workbench.ColumnAsync("week");
        var (answers, positive, neutral, negative) = (await workbench.ColumnAsync("answers"), await workbench.ColumnAsync("positive"),
            await workbench.ColumnAsync("neutral"), await workbench.ColumnAsync("negative"));
        Assert.Equal(weeks.Select(pair => $"{pair.Key} {string.Join(' ', pair.Value)}"),
            week.Select((monday, i) => $"{monday[..10]} {DashboardPage.Number(answers[i])} {DashboardPage.Number(positive[i])} {DashboardPage.Number(neutral[i])} {DashboardPage.Number(negative[i])}"));

        // Themes: the answers the tile ranks, as many as it says it analysed; the workbench says the ranking comes after.
        await analyst.OpenAsync("/responses", "themes");
        var themes = await analyst.TileAsync("themes");
        var analysed = DashboardPage.Number((await themes.Locator("p").First.InnerTextAsync()).Split(' ')[0]);
        await workbench.OpenFromTileAsync(themes);
        Assert.Contains("The ranking happens after", await analyst.Page.Locator("[data-loaded-description]").InnerTextAsync());
        Assert.Equal("ok", await workbench.RunShownAsync());
        Assert.Equal(analysed, DashboardPage.Number((await workbench.ColumnAsync("answers_analysed"))[0]));

        // A poll card's answers per choice, as the explorer's card tile shows them.
        var poll = dashboard.Truth.Questions.Where(question => question.CardType == "poll" && question.Answers > 0).OrderByDescending(question => question.Answers).First();
        await analyst.Page.GotoAsync($"/explorer?lesson={Uri.EscapeDataString(dashboard.Truth.Lesson(poll.LessonNumber).Url)}&card={Uri.EscapeDataString(poll.Id)}");
        var card = await analyst.TileAsync("answers");
        var shown = new List<string>();
        foreach (var row in await card.Locator("[data-table='distribution'] tbody tr").AllAsync())
        {
            shown.Add($"{await row.GetAttributeAsync("data-choice")} {DashboardPage.Number(await row.Locator("[data-col='count']").InnerTextAsync())}");
        }
        Assert.All(poll.Distribution!, choice => Assert.Contains($"{choice.Key} {choice.Value}", shown));
        await workbench.OpenFromTileAsync(card);
        Assert.Equal("ok", await workbench.RunShownAsync());
        var (choices, counts) = (await workbench.ColumnAsync("choice_id"), await workbench.ColumnAsync("answers"));
        Assert.Equal(shown, choices.Select((choice, i) => $"{choice} {DashboardPage.Number(counts[i])}"));
        await analyst.ScreenshotAsync("workbench-from-card");
    }

    [Fact]
    public async Task Ask_Seven_on_the_heatmap_and_sentiment_over_time_gets_answers_with_their_figures()
    {
        var viewer = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        var chat = new ChatPage(viewer.Page);

        // The heatmap: the lessons Seven counts as started and completed are its cells summed.
        await viewer.OpenAsync("/dropoff", "completion-heatmap");
        var rows = await viewer.HeatmapRowsAsync();
        var turn = await AskFromTileAsync(viewer, chat, "Completion by learner and lesson");
        var table = await chat.RowsAsync(turn);
        Assert.Equal(rows.Sum(row => row.Cells.Values.Sum(cell => cell[0])), table.Sum(row => DashboardPage.Number(row["started"])));
        Assert.Equal(rows.Sum(row => row.Cells.Values.Sum(cell => cell[1])), table.Sum(row => DashboardPage.Number(row["completed"])));

        // Sentiment over time: Seven's answers per lesson and their classes add up to the tile's weeks.
        await viewer.OpenAsync("/responses", "sentiment-weekly");
        var weeks = await viewer.SentimentWeeksAsync();
        turn = await AskFromTileAsync(viewer, chat, "Sentiment over time");
        table = await chat.RowsAsync(turn);
        Assert.Equal(weeks.Values.Sum(week => week[0]), table.Sum(row => DashboardPage.Number(row["answers"])));
        Assert.Equal(weeks.Values.Sum(week => week[1]), table.Sum(row => DashboardPage.Number(row["positive"])));
        Assert.Equal(weeks.Values.Sum(week => week[3]), table.Sum(row => DashboardPage.Number(row["negative"])));
        // Its chart draws the classes in the dashboard's sentiment colours.
        var chart = (await DashboardPage.BarsAsync(turn)).ToDictionary(series => series.Name, series => series.Fill);
        Assert.Equal(("rgb(58, 138, 58)", "rgb(128, 128, 128)", "rgb(217, 72, 15)"), (chart["positive"], chart["neutral"], chart["negative"]));
        await viewer.ScreenshotAsync("chat-from-sentiment-weekly");
    }

    /// <summary>Follows the tile's "Ask Seven about this", asks the question it filled in, and returns the answered turn.</summary>
    private static async Task<ILocator> AskFromTileAsync(DashboardPage page, ChatPage chat, string title)
    {
        await page.Page.GetByRole(AriaRole.Link, new() { Name = $"Ask Seven about this: {title}" }).ClickAsync();
        await page.Page.WaitForURLAsync(url => url.Contains("/chat?q="), new() { WaitUntil = WaitUntilState.Commit });
        var question = page.Page.GetByLabel("Ask Seven", new() { Exact = true });
        await Assertions.Expect(question).Not.ToHaveValueAsync("");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        var turn = await chat.TurnAsync(0);
        Assert.Equal("true", await turn.GetAttributeAsync("data-answered"));
        return turn;
    }
}
