using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;
using SevenTaps.Generator;

namespace SevenTaps.AppHost;

/// <summary>The LRS credential AppHost hands ingest as its bootstrap credential, and uses itself to load demo data.</summary>
public sealed record XapiCredential(string Key, string Secret)
{
    /// <summary>
    /// SEVENTAPS_XAPI_KEY / SEVENTAPS_XAPI_SECRET when the operator sets them; for --demo without them, a
    /// generated pair kept in the data directory's secrets; otherwise none.
    /// </summary>
    public static XapiCredential? From(IConfiguration configuration, AppHostOptions options)
    {
        if (configuration["SEVENTAPS_XAPI_KEY"] is { Length: > 0 } key && configuration["SEVENTAPS_XAPI_SECRET"] is { Length: > 0 } secret)
        {
            return CredentialRules.LrsCredentialProblem(key, secret) is { } problem
                ? throw new InvalidOperationException($"SEVENTAPS_XAPI_KEY / SEVENTAPS_XAPI_SECRET cannot be used: {problem}.")
                : new XapiCredential(key, secret);
        }
        if (!options.Demo)
        {
            return null;
        }
        var secrets = Path.Combine(Path.GetFullPath(options.DataDirectory), "secrets");
        return new XapiCredential("demo-" + Hosting.Secret.ReadOrCreate(secrets, "demo-xapi.key")[..16], Hosting.Secret.ReadOrCreate(secrets, "demo-xapi.secret"));
    }
}

/// <summary>The bootstrap credential, if any, as a service.</summary>
public sealed record BootstrapCredential(XapiCredential? Credential);

/// <summary>
/// <c>--demo</c>: once the system is up, generates a 7taps course (seeded, so every demo is the same) and sends it
/// through the gateway's xAPI endpoint like 7taps would. Done once per data directory. It works in
/// <see cref="StartedAsync"/>, which runs after every hosted service (the orchestrator among them) has started.
/// </summary>
internal sealed class DemoDataLoader(
    ApplicationModel model,
    ResourceContext context,
    IOptions<AppHostOptions> options,
    BootstrapCredential bootstrap,
    ILogger<DemoDataLoader> logger) : IHostedLifecycleService
{
    public const int Seed = 7;
    private const string MarkerFile = "demo-loaded";

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Demo || bootstrap.Credential is not { } credential)
        {
            return;
        }
        var marker = Path.Combine(context.DataDirectory, MarkerFile);
        if (File.Exists(marker))
        {
            logger.LogInformation("Demo data was loaded before ({Marker}); not loading it again", marker);
            return;
        }
        if (model[ResourceNames.Gateway].State != ResourceState.Running)
        {
            logger.LogWarning("--demo needs the gateway running; skipped");
            return;
        }

        var generator = new CourseGenerator(new GeneratorOptions { Seed = Seed, Learners = options.Value.DemoLearners });
        var endpoint = new Uri(((ProjectResource)model[ResourceNames.Gateway]).PrimaryUrl, PublicRoutes.Xapi + "/");
        using var client = StatementSender.CreateClient(endpoint, credential.Key, credential.Secret);
        Console.Out.WriteLine($"Loading demo data: a generated 7taps course with {options.Value.DemoLearners} learners, through {endpoint}statements ...");
        var sent = await new StatementSender(client).SendAsync(generator.Statements().Select(statement => statement.Json), cancellationToken: cancellationToken);
        await File.WriteAllTextAsync(marker, $"{sent} statements, seed {Seed}, {options.Value.DemoLearners} learners, {DateTimeOffset.UtcNow:O}\n", cancellationToken);
        Console.Out.WriteLine($"Demo data loaded: {sent:N0} statements.");
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
