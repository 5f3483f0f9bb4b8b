using System.Text.RegularExpressions;
using SevenTaps.Contracts;
using SevenTaps.Generator;

namespace Dashboard.Tests;

/// <summary>
/// The whole system, started once for every browser test through AppHost with a first administrator, loaded with a
/// generated course through the real xAPI endpoint; a viewer made with the dashboard's <c>users</c> command; and
/// Debian's Chromium driven by Playwright.
/// </summary>
public sealed partial class DashboardFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@dashboard.test";
    public const string AdminPassword = "admin-password-for-tests";
    public const string ViewerEmail = "viewer@dashboard.test";
    public const string AnalystEmail = "workbench-analyst@dashboard.test";
    public const string XapiKey = "dashboard-test-key";
    public const string XapiSecret = "dashboard-test-secret";

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();
    private readonly SemaphoreSlim _analystCreation = new(1, 1);
    private string? _analystPassword;
    private IPlaywright? _playwright;

    public TestSystem App { get; private set; } = null!;

    public GroundTruth Truth { get; private set; } = null!;

    /// <summary>Where people open the dashboard: the gateway.</summary>
    public Uri Gateway { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string ViewerPassword { get; private set; } = "";

    /// <summary>Screenshots of each page, kept as the test run's artefacts.</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("SEVENTAPS_SCREENSHOTS") is { Length: > 0 } directory ? directory : Path.Combine(AppContext.BaseDirectory, "screenshots");

    static DashboardFixture()
    {
        // AppHost passes its own environment on to the services: a poison entry (the operations tests make one) is
        // dead-lettered after three deliveries five seconds apart instead of five half a minute apart (a batch slowed
        // by a busy machine still has three chances).
        Environment.SetEnvironmentVariable("Normalizer__ClaimMinIdle", "00:00:05");
        Environment.SetEnvironmentVariable("Normalizer__ClaimInterval", "00:00:01");
        Environment.SetEnvironmentVariable("Normalizer__MaxDeliveries", "3");
    }

    public async Task InitializeAsync()
    {
        App = TestApplication.Create(_dataDirectory,
            $"--SEVENTAPS_ADMIN_EMAIL={AdminEmail}", $"--SEVENTAPS_ADMIN_PASSWORD={AdminPassword}",
            $"--SEVENTAPS_XAPI_KEY={XapiKey}", $"--SEVENTAPS_XAPI_SECRET={XapiSecret}");
        await App.StartAsync();
        Gateway = App.GetEndpoint(ResourceNames.Gateway);
        Truth = await GeneratedCourse.LoadAsync(App, new GeneratorOptions { Seed = 17, Learners = 60, Cohorts = 3, VoidedFraction = 0.02 }, XapiKey, XapiSecret);
        ViewerPassword = await CreateUserAsync(ViewerEmail, "viewer");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Creates a user with the dashboard's <c>users create</c> command and returns the password it printed once.</summary>
    public async Task<string> CreateUserAsync(string email, string role)
    {
        var (exitCode, output) = await ServiceCommand.RunAsync(App, ResourceNames.DashboardWeb, "users", "create", "--email", email, "--role", role);
        Assert.True(exitCode == 0, output);
        return PasswordLine().Match(output).Groups[1].Value;
    }

    /// <summary>
    /// Sends statements through the gateway's xAPI endpoint with the fixture's credential, as 7taps would; returns
    /// once they are stored (the normalizer derives their rows a moment later).
    /// </summary>
    public async Task SendStatementsAsync(IEnumerable<string> statements)
    {
        using var xapi = StatementSender.CreateClient(new Uri(Gateway, PublicRoutes.Xapi + "/"), XapiKey, XapiSecret);
        await new StatementSender(xapi).SendAsync(statements);
    }

    /// <summary>One value from the system's database.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new Npgsql.NpgsqlConnection(App.GetConnectionString(ResourceNames.Database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parameter });
        }
        return (T?)await command.ExecuteScalarAsync();
    }

    /// <summary>A fresh browser context (no cookies) on the gateway, as someone opening the dashboard.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as the analyst, made with the <c>users</c> command by the first test that asks.</summary>
    public async Task<DashboardPage> AnalystPageAsync()
    {
        await _analystCreation.WaitAsync();
        try
        {
            _analystPassword ??= await CreateUserAsync(AnalystEmail, "analyst");
        }
        finally
        {
            _analystCreation.Release();
        }
        return await SignedInAsync(AnalystEmail, _analystPassword);
    }

    /// <summary>A page signed in as the given person.</summary>
    public async Task<DashboardPage> SignedInAsync(string email, string password)
    {
        var page = new DashboardPage(await NewPageAsync());
        await page.SignInAsync(email, password);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [GeneratedRegex(@"password: (\S+)")]
    private static partial Regex PasswordLine();
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
