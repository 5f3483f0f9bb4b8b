namespace Dashboard.Tests;

/// <summary>The chat page as a person uses it: what the chat tests read and click, in one place.</summary>
public sealed class ChatPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/chat");
        await page.GetByLabel("Ask Seven", new() { Exact = true }).WaitForAsync();
    }

    /// <summary>Asks, and returns the turn once its whole answer has arrived.</summary>
    public async Task<ILocator> AskAsync(string question)
    {
        var turns = await page.Locator("[data-turn]").CountAsync();
        await page.GetByLabel("Ask Seven", new() { Exact = true }).FillAsync(question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        return await TurnAsync(turns);
    }

    /// <summary>The numbered turn once answered, with no error.</summary>
    public async Task<ILocator> TurnAsync(int index)
    {
        var turn = page.Locator($"[data-turn='{index}'][aria-busy='false']");
        await turn.WaitForAsync();
        Assert.Equal(0, await turn.Locator(".form-error").CountAsync());
        return turn;
    }

    /// <summary>A cell of the answer's first row, by column name.</summary>
    public async Task<string> CellAsync(ILocator turn, string column)
    {
        var row = (await RowsAsync(turn))[0];
        Assert.True(row.ContainsKey(column), $"no column {column} in {string.Join(", ", row.Keys)}");
        return row[column];
    }

    /// <summary>Every row of the answer, each by column name.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> RowsAsync(ILocator turn)
    {
        var headers = (await turn.Locator(".chat-rows thead th").AllTextContentsAsync()).Select(header => header.Trim()).ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var row in await turn.Locator(".chat-rows tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllTextContentsAsync();
            rows.Add(headers.Zip(cells, (header, cell) => (Header: header, Cell: cell.Trim())).ToDictionary(pair => pair.Header, pair => pair.Cell));
        }
        Assert.NotEmpty(rows);
        return rows;
    }

    public async Task GiveFeedbackAsync(ILocator turn, bool helpful, string reason)
    {
        var feedback = turn.Locator("[data-feedback]");
        await feedback.GetByLabel(helpful ? "👍 Yes" : "👎 No").CheckAsync();
        await feedback.GetByLabel("Reason").FillAsync(reason);
        await feedback.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Assertions.Expect(feedback.GetByRole(AriaRole.Status)).ToContainTextAsync("feedback stored");
    }
}
