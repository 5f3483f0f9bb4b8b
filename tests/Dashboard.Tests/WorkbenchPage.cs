namespace Dashboard.Tests;

/// <summary>The SQL workbench as an analyst uses it: what the workbench tests type, click and read, in one place.</summary>
public sealed class WorkbenchPage(DashboardPage dashboard)
{
    public IPage Page => dashboard.Page;

    public ILocator Editor => Page.Locator("#workbench-sql");

    private ILocator Result => Page.Locator("section[aria-labelledby='result-heading'][aria-busy='false'] .result");

    public async Task OpenAsync()
    {
        await Page.GotoAsync("/workbench");
        // The schema arrives with the page's other lists: then the editor completes and highlights.
        // Under a loaded machine its five calls to the agent can take a while.
        await Page.Locator("[data-schema]").WaitForAsync(new() { Timeout = 180_000 });
    }

    /// <summary>Types the SQL, runs it, and waits for the outcome of this run (the previous result is replaced).</summary>
    public async Task<string> RunAsync(string sql)
    {
        await Editor.FillAsync(sql);
        return await RunShownAsync();
    }

    /// <summary>Runs what the editor holds and returns the outcome (<c>ok</c>, <c>refused</c>, ...).</summary>
    public async Task<string> RunShownAsync()
    {
        var before = await Page.Locator("[data-history] tbody tr").CountAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await WaitForRunAsync(before);
        return (await Result.GetAttributeAsync("data-outcome"))!;
    }

    /// <summary>Waits until the run has finished: the button is back and the history has one more row.</summary>
    public async Task WaitForRunAsync(int historyRowsBefore)
    {
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true })).ToBeEnabledAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(Page.Locator("[data-history] tbody tr")).ToHaveCountAsync(historyRowsBefore + 1, new() { Timeout = 120_000 });
        await Result.WaitForAsync();
    }

    public async Task<IReadOnlyList<string>> ColumnsAsync() => await Result.Locator("thead th").AllInnerTextsAsync();

    /// <summary>The cells of the result grid, row by row, as shown.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> RowsAsync()
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in await Result.Locator("tbody tr").AllAsync())
        {
            rows.Add(await row.Locator("td").AllInnerTextsAsync());
        }
        return rows;
    }

    /// <summary>One column of the result grid, top to bottom, as shown.</summary>
    public async Task<IReadOnlyList<string>> ColumnAsync(string column)
    {
        var place = (await ColumnsAsync()).ToList().IndexOf(column);
        Assert.True(place >= 0, $"no column {column}");
        return (await RowsAsync()).Select(row => row[place]).ToList();
    }

    /// <summary>Clicks the tile's "Open in workbench" and waits until the editor holds the SQL it opens.</summary>
    public async Task OpenFromTileAsync(ILocator tile)
    {
        await tile.Locator("[data-open-in-workbench]").ClickAsync();
        try
        {
            await Assertions.Expect(Editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("analysis\\.user_"), new() { Timeout = 180_000 });
        }
        catch (PlaywrightException exception)
        {
            // Say what the page showed instead (its error, if any), not only that the SQL never came.
            var errors = await Page.Locator(".tile-error[role=alert]").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException($"no SQL at {Page.Url}; the page showed: {string.Join(" | ", errors)}\n{exception.Message}");
        }
    }

    /// <summary>A number of the result (first row) by column name, "1,234" read as 1234.</summary>
    public async Task<long> NumberAsync(string column) =>
        DashboardPage.Number((await RowsAsync())[0][(await ColumnsAsync()).ToList().IndexOf(column)]);

    public Task<string> MessageAsync() => Result.Locator("[data-result-message]").InnerTextAsync();

    public ILocator TruncatedBadge => Result.Locator("[data-badge='truncated']");

    public async Task<string> ShareLinkAsync() => (await Page.Locator("[data-share-link]").GetAttributeAsync("href"))!;

    public async Task SaveNewAsync(string name, string description)
    {
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Page.GetByLabel("Description", new() { Exact = true }).FillAsync(description);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save query" }).ClickAsync();
        await Assertions.Expect(Page.GetByText($"Saved as \"{name}\", version 1.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    public async Task SaveVersionAsync(int version)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Save as version {version}" }).ClickAsync();
        await Assertions.Expect(Page.GetByText($"Saved as version {version}.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>The diff shown: each line with its mark (' ', '-', '+').</summary>
    public async Task<IReadOnlyList<string>> DiffAsync() => await Page.Locator("[data-diff] span").AllInnerTextsAsync();
}
