using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Tests;

/// <summary>The dashboard as a person sees it: what the tests read and click, in one place.</summary>
public sealed partial class DashboardPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/account/login");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Opens a page and waits until the named tile has its answer.</summary>
    public async Task OpenAsync(string path, string tile)
    {
        await Page.GotoAsync(path);
        await TileAsync(tile);
    }

    /// <summary>The tile, once loaded (its provenance line shows when it was answered).</summary>
    public async Task<ILocator> TileAsync(string name)
    {
        var tile = Page.Locator($"[data-tile='{name}'][aria-busy='false']");
        await tile.WaitForAsync();
        Assert.Equal(0, await tile.Locator(".tile-error").CountAsync());
        return tile;
    }

    /// <summary>A headline figure of the overview as a number ("1,234" is 1234).</summary>
    public async Task<long> FigureAsync(string name) =>
        Number(await Page.Locator($"[data-figure='{name}'] dd").InnerTextAsync());

    /// <summary>The figure once it satisfies <paramref name="expected"/> (tiles reload after a navigation), or its last value after 30 s.</summary>
    public async Task<long> FigureWhenAsync(string name, Func<long, bool> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long value;
        while (!expected(value = await FigureAsync(name)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        return value;
    }

    /// <summary>The drop-off table: lesson id, reached, stopped here, in the order shown.</summary>
    public async Task<IReadOnlyList<(string Lesson, long Reached, long Stopped)>> DropoffRowsAsync()
    {
        var rows = new List<(string, long, long)>();
        foreach (var row in await Page.Locator("[data-table='dropoff'] tbody tr").AllAsync())
        {
            rows.Add((await row.GetAttributeAsync("data-lesson") ?? "",
                Number(await row.Locator("[data-col='reached']").InnerTextAsync()),
                Number(await row.Locator("[data-col='stopped']").InnerTextAsync())));
        }
        return rows;
    }

    /// <summary>The explorer's grid once its page has arrived and QuickGrid has drawn it.</summary>
    public async Task<ILocator> ExplorerAsync()
    {
        var explorer = Page.Locator("[data-tile='explorer'][aria-busy='false']");
        await explorer.Locator("table.quickgrid:not(.loading)").WaitForAsync();
        Assert.Equal(0, await explorer.Locator(".tile-error").CountAsync());
        return explorer;
    }

    /// <summary>The explorer's total as shown, and whether it is labelled exact (not an estimate).</summary>
    public async Task<(long Total, bool Exact)> ExplorerTotalAsync()
    {
        var total = Page.Locator("[data-tile='explorer'] .explorer-total");
        return (Number(await total.InnerTextAsync()), await total.GetAttributeAsync("data-total-exact") == "true");
    }

    /// <summary>The statement ids of the grid's rows, in the order shown.</summary>
    public async Task<IReadOnlyList<Guid>> ExplorerRowIdsAsync()
    {
        var ids = new List<Guid>();
        foreach (var time in await Page.Locator("[data-tile='explorer'] table.quickgrid tbody time[data-statement]").AllAsync())
        {
            ids.Add(Guid.Parse(await time.GetAttributeAsync("data-statement") ?? ""));
        }
        return ids;
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public static long Number(string text) => long.Parse(NotDigits().Replace(text, ""), CultureInfo.InvariantCulture);

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NotDigits();
}
