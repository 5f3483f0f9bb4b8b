using Microsoft.Playwright;
using Npgsql;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace SevenTaps.Bench;

/// <summary>
/// The dashboard in Debian's Chromium on a large course (loaded as the analytics bench loads it, in the same data
/// directory): time until the overview and the drop-off page are fully drawn, cold (the first view after analytics-api
/// and dashboard-web restarted, analytics' answer cache emptied and the data version moved on, so that nothing is
/// compiled, pooled or cached on the server, in a new browser context) and warm (the page opened again); dashboard-web's memory with 0 and 20 open pages; and a
/// workbench query of 100,000 rows: time to its first rows in the grid, and the tab's JavaScript heap.
/// </summary>
public static class DashboardBenchmark
{
    private const string Email = "bench-admin@seventaps.test";
    private const string Password = "bench-admin-password-0001";
    private const int OpenPages = 20;

    /// <summary>
    /// Drawn: the page's tiles are there, none is still waiting for its answer, and every chart has its SVG. (The
    /// pages render on the circuit without prerendering: before the circuit runs there is no tile at all.)
    /// </summary>
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

        Console.WriteLine();
        Console.WriteLine($"{"page",-10} {"cold p50",9} {"cold p95",9} {"warm p50",9} {"warm p95",9}   (ms to fully drawn; {options.ColdSamples} cold, {options.WarmSamples} warm views)");
        var cold = new Dictionary<string, List<double>> { ["/"] = [], ["/dropoff"] = [] };
        for (var sample = 0; sample < options.ColdSamples; sample++)
        {
            // Cold as after a deployment: both processes new (nothing compiled, no pooled connection, no shared answer),
            // analytics' answer cache empty and the data version moved on, and a new browser context (no cached script).
            await RestartAsync(system, ResourceNames.AnalyticsApi);
            await RestartAsync(system, ResourceNames.DashboardWeb);
            await AnalyticsBenchmark.EmptyAnswerCacheAsync(redis);
            await redis.GetDatabase().StringIncrementAsync(AnalyticsCache.DataVersionKey);
            var page = await SignedInAsync(browser, gateway);
            foreach (var path in cold.Keys)
            {
                cold[path].Add(await DrawAsync(page, path));
            }
            await page.Context.CloseAsync();
        }
        var viewer = await SignedInAsync(browser, gateway);
        foreach (var (path, coldTimes) in cold)
        {
            await DrawAsync(viewer, path);
            var warm = new List<double>();
            for (var sample = 0; sample < options.WarmSamples; sample++)
            {
                warm.Add(await DrawAsync(viewer, path));
            }
            Console.WriteLine($"{(path == "/" ? "overview" : "drop-off"),-10} {P(coldTimes, 0.50),9:N0} {P(coldTimes, 0.95),9:N0} {P(warm, 0.50),9:N0} {P(warm, 0.95),9:N0}");
        }
        Console.WriteLine("Target: < 1,500 ms cold, < 500 ms warm (p95)");

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

    /// <summary>Opens the page and returns the milliseconds until it is fully drawn (<see cref="Drawn"/>).</summary>
    private static async Task<double> DrawAsync(IPage page, string path)
    {
        var started = Stopwatch.GetTimestamp();
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync(Drawn, null, new() { PollingInterval = 10, Timeout = 120_000 });
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<IPage> SignedInAsync(IBrowser browser, Uri gateway)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = gateway.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        return page;
    }

    private static async Task RestartAsync(BenchSystem system, string resource)
    {
        await system.App.StopResourceAsync(resource);
        await system.App.StartResourceAsync(resource);
    }

    private static double P(List<double> samples, double p) => AnalyticsBenchmark.Percentile(samples, p);
}
