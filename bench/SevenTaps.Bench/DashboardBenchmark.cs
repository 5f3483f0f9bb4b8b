using Microsoft.Playwright;
using Npgsql;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace SevenTaps.Bench;

/// <summary>
/// The dashboard in Debian's Chromium on a large course (loaded as the analytics bench loads it, in the same data
/// directory): time until each dashboard page is fully drawn, cold (the first view after analytics-api
/// and dashboard-web restarted, analytics' answer cache emptied and the data version moved on, so that no answer is
/// cached on the server, in a new browser context) and warm (the page opened again); dashboard-web's memory with 0
/// and 20 open pages; and a
/// workbench query of 100,000 rows: time to its first rows in the grid, and the tab's JavaScript heap.
/// </summary>
public static class DashboardBenchmark
{
    private const string Email = "bench-admin@seventaps.test";
    private const string Password = "bench-admin-password-0001";
    private const int OpenPages = 20;

    /// <summary>The circuit rendered the page: its tiles are there (without prerendering there is no tile before).</summary>
    private const string Rendered = "() => document.querySelectorAll('[data-tile]').length > 0";

    /// <summary>Every tile has its answer: none is still waiting for it.</summary>
    private const string Answered = """
        () => document.querySelectorAll('[data-tile]').length > 0
              && document.querySelectorAll('[data-tile][aria-busy="true"], .tile-loading').length === 0
        """;

    /// <summary>Drawn: every tile has its answer, and every chart has its SVG.</summary>
    private const string Drawn = """
        () => document.querySelectorAll('[data-tile]').length > 0
              && document.querySelectorAll('[data-tile][aria-busy="true"], .tile-loading').length === 0
              && [...document.querySelectorAll('figure.chart')].every(chart => chart.querySelector('.main-svg'))
        """;

    public static async Task<int> RunAsync(AnalyticsBenchOptions options)
    {
        var dataDirectory = options.DataDirectory ?? Path.Combine("/tmp", $"seventaps-bench-analytics-{options.Statements}-{options.Learners}");
        Console.WriteLine($"Dashboard benchmark: {Environment.ProcessorCount} cores, load average {LoadAverage.Now()}, {options.Statements:N0} statements for {options.Learners:N0} learners, data in {dataDirectory}");
        Directory.CreateDirectory(dataDirectory);
        await using var system = new BenchSystem([$"--SEVENTAPS_ADMIN_EMAIL={Email}", $"--SEVENTAPS_ADMIN_PASSWORD={Password}"], dataDirectory);
        await system.StartAsync();
        await using var database = NpgsqlDataSource.Create(system.App.GetConnectionString(ResourceNames.Database));
        var marker = Path.Combine(dataDirectory, AnalyticsBenchmark.LoadedMarker);
        if (!File.Exists(marker))
        {
            await AnalyticsBenchmark.LoadAsync(system, database, options, marker);
        }
        Console.WriteLine($"data: {(await File.ReadAllTextAsync(marker)).Trim()}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var gateway = system.App.GetEndpoint(ResourceNames.Gateway);
        using var redis = await ConnectionMultiplexer.ConnectAsync(system.App.GetConnectionString(ResourceNames.Redis));
        var views = await ViewsAsync(database);

        Console.WriteLine();
        Console.WriteLine($"{"view",-12} {"cold p50",9} {"cold p95",9} {"warm p50",9} {"warm p95",9} {"api cold",9} {"tiles",6}   (ms to fully drawn; {options.ColdSamples} cold, {options.WarmSamples} warm views)");
        var cold = views.ToDictionary(view => view, _ => new List<Drawing>());
        var session = await SignedInSessionAsync(browser, gateway);
        for (var sample = 0; sample < options.ColdSamples; sample++)
        {
            foreach (var view in views)
            {
                // Cold as after a deployment, for each view on its own: both processes new (no shared answer; what
                // they compile and open before they report healthy is theirs), analytics' answer cache empty and the
                // data version moved on, and a new browser context holding only the signed-in session's cookie (no
                // cached script, no other page: a signed-in user opening a bookmark). The version moves before
                // dashboard-web starts, which reads it then: moved later, it would be seen mid-view and every tile
                // asked again, and the footers would time the second, warm, calls.
                await RestartAsync(system, ResourceNames.AnalyticsApi);
                await AnalyticsBenchmark.EmptyAnswerCacheAsync(redis);
                await redis.GetDatabase().StringIncrementAsync(AnalyticsCache.DataVersionKey);
                await RestartAsync(system, ResourceNames.DashboardWeb);
                var page = await (await NewContextAsync(browser, gateway, session)).NewPageAsync();
                var drawing = await DrawAsync(page, view.Path);
                cold[view].Add(drawing);
                Console.WriteLine($"  cold {view.Name}: tiles rendered at {drawing.RenderedAt:N0} ms, answered at {drawing.AnsweredAt:N0} ms " +
                                  $"(slowest call {drawing.SlowestTileMilliseconds:N0} ms), drawn at {drawing.Milliseconds:N0} ms; load average {LoadAverage.Now()}");
                await page.Context.CloseAsync();
            }
        }
        var viewer = await SignedInAsync(browser, gateway);
        foreach (var (view, coldDrawings) in cold)
        {
            await DrawAsync(viewer, view.Path);
            var warm = new List<double>();
            for (var sample = 0; sample < options.WarmSamples; sample++)
            {
                warm.Add((await DrawAsync(viewer, view.Path)).Milliseconds);
            }
            var coldTimes = coldDrawings.Select(drawing => drawing.Milliseconds).ToList();
            var coldApi = coldDrawings.Select(drawing => drawing.SlowestTileMilliseconds).ToList();
            Console.WriteLine($"{view.Name,-12} {P(coldTimes, 0.50),9:N0} {P(coldTimes, 0.95),9:N0} {P(warm, 0.50),9:N0} {P(warm, 0.95),9:N0} {P(coldApi, 0.50),9:N0} {coldDrawings[0].Tiles,6}");
        }
        Console.WriteLine("Target: < 1,500 ms cold, < 500 ms warm (p95). api cold: p50 of the slowest tile's call to Analytics.Api in the cold views, as its footer says.");
        Console.WriteLine($"load average after the views: {LoadAverage.Now()}");

        var context = viewer.Context;
        await CircuitMemoryAsync(system, context);
        await WorkbenchAsync(await context.NewPageAsync(), database);
        Console.WriteLine($"load average at the end: {LoadAverage.Now()}");
        return 0;
    }

    /// <summary>dashboard-web's resident memory with no page open, then with <see cref="OpenPages"/> overviews open (each its own circuit).</summary>
    private static async Task CircuitMemoryAsync(BenchSystem system, IBrowserContext signedIn)
    {
        var pid = await system.App.ProcessIdAsync(ResourceNames.DashboardWeb) ?? throw new InvalidOperationException("dashboard-web is not running");
        // The pages drawn so far are closed: their circuits end, and what remains is what any first page loads once.
        foreach (var page in signedIn.Pages.ToList())
        {
            await page.CloseAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        var idle = AnalyticsBenchmark.ResidentMegabytes(pid);
        var pages = new List<IPage>();
        for (var i = 0; i < OpenPages; i++)
        {
            var page = await signedIn.NewPageAsync();
            await DrawAsync(page, "/");
            pages.Add(page);
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        var open = AnalyticsBenchmark.ResidentMegabytes(pid);
        Console.WriteLine($"dashboard-web resident memory: {idle:N0} MiB with no page open, {open:N0} MiB with {OpenPages} overviews open: {(open - idle) / OpenPages:N2} MiB per circuit");
        foreach (var page in pages)
        {
            await page.CloseAsync();
        }
    }

    /// <summary>A workbench query of 100,000 rows: time from Run to its first rows in the grid, and the tab's JavaScript heap then.</summary>
    private static async Task WorkbenchAsync(IPage page, NpgsqlDataSource database)
    {
        // Activities twice over when the course has fewer than 100,000 of them.
        const string sql = "SELECT a.* FROM analysis.user_activities a CROSS JOIN (VALUES (1), (2)) AS twice(n) LIMIT 100000";
        await page.GotoAsync("/workbench");
        await page.Locator("[data-schema]").WaitForAsync(new() { Timeout = 180_000 });
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var before = await HeapMegabytesAsync(cdp);
        await page.Locator("#workbench-sql").FillAsync(sql);
        var started = Stopwatch.GetTimestamp();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await page.Locator(".result tbody tr").First.WaitForAsync(new() { Timeout = 300_000 });
        var firstRows = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var shown = await page.Locator(".result tbody tr").CountAsync();
        var status = await page.Locator(".result .result-status").InnerTextAsync();
        var after = await HeapMegabytesAsync(cdp);
        Console.WriteLine($"workbench, 100,000 rows ({await AnalyticsBenchmark.ScalarAsync<long>(database, "SELECT least(100000, 2 * count(*)) FROM analysis.user_activities"):N0} returned): " +
                          $"first rows in the grid after {firstRows:N0} ms, {shown:N0} rows in the grid ({status.Trim()}); tab's JS heap {before:N1} MiB before, {after:N1} MiB after");
    }

    private static async Task<double> HeapMegabytesAsync(ICDPSession cdp)
    {
        var usage = await cdp.SendAsync("Runtime.getHeapUsage");
        return usage!.Value.GetProperty("usedSize").GetDouble() / 1048576;
    }

    /// <summary>
    /// Opens the page and returns the milliseconds until its tiles are rendered (<see cref="Rendered"/>), answered
    /// (<see cref="Answered"/>) and fully drawn (<see cref="Drawn"/>), with the slowest tile's call to Analytics.Api
    /// (each tile's footer carries the milliseconds its answer took) and the number of tiles.
    /// </summary>
    private static async Task<Drawing> DrawAsync(IPage page, string path)
    {
        var started = Stopwatch.GetTimestamp();
        await page.GotoAsync(path);
        var marks = new List<double>();
        foreach (var condition in new[] { Rendered, Answered, Drawn })
        {
            await page.WaitForFunctionAsync(condition, null, new() { PollingInterval = 10, Timeout = 120_000 });
            marks.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var took = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('[data-took-ms]')].map(time => Number(time.dataset.tookMs))");
        return new Drawing(marks[2], marks[0], marks[1], took.DefaultIfEmpty(0).Max(), await page.Locator("[data-tile]").CountAsync());
    }

    /// <param name="Milliseconds">Until fully drawn.</param>
    /// <param name="RenderedAt">Until the circuit rendered the page's tiles.</param>
    /// <param name="AnsweredAt">Until every tile had its answer.</param>
    private sealed record Drawing(double Milliseconds, double RenderedAt, double AnsweredAt, double SlowestTileMilliseconds, int Tiles);

    /// <summary>A dashboard page as the navigation names it, and its address.</summary>
    private sealed record View(string Name, string Path);

    /// <summary>Every dashboard page, without a filter (the learner page: the first learner by id).</summary>
    private static async Task<IReadOnlyList<View>> ViewsAsync(NpgsqlDataSource database)
    {
        var learner = await AnalyticsBenchmark.ScalarAsync<string>(database, "SELECT user_id FROM analysis.users ORDER BY user_id LIMIT 1");
        return
        [
            new("overview", "/"),
            new("drop-off", "/dropoff"),
            new("engagement", "/engagement"),
            new("at-risk", "/learners"),
            new("learner", $"/learners/{Uri.EscapeDataString(learner)}"),
            new("responses", "/responses"),
            new("explorer", "/explorer"),
        ];
    }

    /// <summary>A page signed in as the bench's admin, on the page sign-in lands on (its tiles still loading).</summary>
    private static async Task<IPage> SignedInAsync(IBrowser browser, Uri gateway)
    {
        var page = await (await NewContextAsync(browser, gateway, storageState: null)).NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        return page;
    }

    /// <summary>
    /// The browser state of a signed-in session (its cookie), to open cold views with: dashboard-web's data-protection
    /// keys outlive its restarts, so the cookie stays valid, and no landing page's tiles run beside the view measured.
    /// </summary>
    private static async Task<string> SignedInSessionAsync(IBrowser browser, Uri gateway)
    {
        var page = await SignedInAsync(browser, gateway);
        await page.WaitForFunctionAsync(Drawn, null, new() { PollingInterval = 10, Timeout = 120_000 });
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri gateway, string? storageState)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            StorageState = storageState,
        });
        // On a busy machine a just restarted dashboard-web may take longer than Playwright's default 30 s to sign in or draw.
        context.SetDefaultTimeout(120_000);
        return context;
    }

    private static async Task RestartAsync(BenchSystem system, string resource)
    {
        await system.App.StopResourceAsync(resource);
        await system.App.StartResourceAsync(resource);
    }

    private static double P(List<double> samples, double p) => AnalyticsBenchmark.Percentile(samples, p);
}
