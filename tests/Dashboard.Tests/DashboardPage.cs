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

    /// <summary>The number of the dashboard's API call whose answer the tile shows (equal on two pages: one call served both).</summary>
    public async Task<long> TileCallAsync(string name) =>
        long.Parse(await Page.Locator($"[data-tile='{name}'] [data-call]").GetAttributeAsync("data-call") ?? "", CultureInfo.InvariantCulture);

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

    /// <summary>The completion heatmap's rows as shown: ranks, learners, and per lesson URL how many started and completed it.</summary>
    public async Task<IReadOnlyList<HeatmapRow>> HeatmapRowsAsync() =>
        // As JSON text: Playwright's own serialization of objects adds reference ids.
        System.Text.Json.JsonSerializer.Deserialize<HeatmapRow[]>(await Page.Locator("[data-table='completion-heatmap'] tbody tr").EvaluateAllAsync<string>("""
            rows => JSON.stringify(rows.map(row => ({
                First: +row.dataset.first, Last: +row.dataset.last, Learners: +row.dataset.learners,
                Cells: Object.fromEntries([...row.querySelectorAll('td[data-lesson]')].map(cell => [cell.dataset.lesson, [+cell.dataset.started, +cell.dataset.completed]]))
            })))
            """))!;

    /// <summary>The weekly sentiment table: per week (its Monday) the answers and how many are positive, neutral, negative.</summary>
    public async Task<IReadOnlyDictionary<string, long[]>> SentimentWeeksAsync() =>
        await Page.Locator("[data-table='sentiment-weekly'] tbody tr").EvaluateAllAsync<Dictionary<string, long[]>>("""
            rows => Object.fromEntries(rows.map(row => [row.dataset.week,
                ['answers', 'positive', 'neutral', 'negative'].map(col => +row.querySelector(`[data-col='${col}']`).textContent.replace(/[^0-9]/g, ''))]))
            """);

    /// <summary>
    /// The bar chart of a tile as Plotly drew it, once drawn: per trace its name, the values it was given, the bars
    /// drawn (one per value, and of them those with a height), the bars' fill and its legend entry's fill.
    /// </summary>
    public Task<IReadOnlyList<DrawnBars>> BarsAsync(string tile) => BarsAsync(Page.Locator($"[data-tile='{tile}']"));

    /// <summary>The bar chart inside <paramref name="scope"/> as Plotly drew it (<see cref="BarsAsync(string)"/>).</summary>
    public static async Task<IReadOnlyList<DrawnBars>> BarsAsync(ILocator scope)
    {
        var plot = scope.Locator(".js-plotly-plot");
        await plot.Locator(".barlayer .trace").First.WaitForAsync();
        return System.Text.Json.JsonSerializer.Deserialize<DrawnBars[]>(await plot.EvaluateAsync<string>("""
            plot => JSON.stringify(plot.data.map((trace, i) => {
                const bars = [...plot.querySelectorAll('.barlayer .trace')[i].querySelectorAll('.point path')];
                const legend = [...plot.querySelectorAll('.legend .traces')].find(entry => entry.querySelector('.legendtext').textContent === trace.name);
                return {
                    Name: trace.name, Values: trace.y.map(Number), Bars: bars.length,
                    Drawn: bars.filter(bar => bar.getBBox().height > 0).length,
                    Fill: bars.length ? getComputedStyle(bars[0]).fill : null,
                    LegendFill: legend ? getComputedStyle(legend.querySelector('.legendpoints path')).fill : null,
                };
            }))
            """))!;
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

    /// <summary>Opens a page and waits until nothing on it is busy, every tile has its answer and every chart is drawn.</summary>
    public async Task OpenDrawnAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.Locator("main h1").WaitForAsync();
        var waiting = Page.Locator("[aria-busy='true'], [data-tile] .tile-loading, figure.chart:not(:has(.main-svg))");
        try
        {
            // Under a loaded machine the workbench's five calls to the agent can take a while.
            await Assertions.Expect(waiting).ToHaveCountAsync(0, new() { Timeout = 180_000 });
        }
        catch (PlaywrightException exception)
        {
            var still = await waiting.EvaluateAllAsync<string[]>("elements => elements.map(element => element.outerHTML.slice(0, 200))");
            throw new InvalidOperationException($"{path} was not drawn: {string.Join(" | ", still)}", exception);
        }
    }

    /// <summary>Switches between the light and the dark theme with the top bar's button.</summary>
    public async Task SwitchThemeAsync()
    {
        var before = await Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await Page.GetByTitle("Light / dark: switch the theme").ClickAsync();
        await Page.WaitForFunctionAsync("before => getComputedStyle(document.body).backgroundColor !== before", before);
    }

    /// <summary>
    /// The WCAG 2.1 A and AA violations axe-core finds in the page as it is now, one line per element. axe is evaluated
    /// through the DevTools protocol, which the page's Content-Security-Policy (no inline script) does not apply to.
    /// </summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync()
    {
        await Page.EvaluateAsync(AxeScript.Value);
        return await Page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                .violations.flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ')}`))
            """);
    }

    private static readonly Lazy<string> AxeScript = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");
        Assert.True(File.Exists(path), $"{path} is missing: scripts/install-prerequisites.sh fetches axe-core from npm");
        return File.ReadAllText(path);
    });

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public static long Number(string text) => long.Parse(NotDigits().Replace(text, ""), CultureInfo.InvariantCulture);

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NotDigits();
}

/// <param name="Drawn">Bars with a height: as many as the non-zero values.</param>
/// <param name="Fill">The bars' colour as the browser computes it (<c>rgb(r, g, b)</c>).</param>
public sealed record DrawnBars(string Name, double[] Values, int Bars, int Drawn, string? Fill, string? LegendFill);

/// <param name="Cells">Lesson URL → [started, completed].</param>
public sealed record HeatmapRow(int First, int Last, int Learners, Dictionary<string, long[]> Cells);
