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
        return new XapiCredential(
            "demo-" + Hosting.Secret.ReadOrCreate(options.SecretsDirectory, "demo-xapi.key")[..16],
            Hosting.Secret.ReadOrCreate(options.SecretsDirectory, "demo-xapi.secret"));
    }
}

/// <summary>The bootstrap credential, if any, as a service.</summary>
public sealed record BootstrapCredential(XapiCredential? Credential);

/// <summary>
/// <c>--demo</c>: once the gateway is healthy, generates a 7taps course (seeded, so every demo is the same) and sends
/// it through the gateway's xAPI endpoint like 7taps would. Done once per data directory.
/// </summary>
internal sealed class DemoDataLoader(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IOptions<AppHostOptions> options,
    BootstrapCredential bootstrap,
    ILogger<DemoDataLoader> logger) : BackgroundService
{
    public const int Seed = 7;
    public const string MarkerFile = "demo-loaded";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Demo || bootstrap.Credential is not { } credential)
        {
            return;
        }
        var marker = Path.Combine(options.Value.FullDataDirectory, MarkerFile);
        if (File.Exists(marker))
        {
            logger.LogInformation("Demo data was loaded before ({Marker}); not loading it again", marker);
            return;
        }
        if (model.Resources.OfType<ServiceResource>().FirstOrDefault(resource => resource.Name == ResourceNames.Gateway) is not { } gateway)
        {
            logger.LogWarning("--demo needs the gateway; skipped");
            return;
        }
        try
        {
            await notifications.WaitForResourceHealthyAsync(gateway.Name, stoppingToken);
            var generator = new CourseGenerator(new GeneratorOptions { Seed = Seed, Learners = options.Value.DemoLearners });
            var endpoint = new Uri(new Uri(gateway.HttpEndpoint.Url), PublicRoutes.Xapi + "/");
            using var client = StatementSender.CreateClient(endpoint, credential.Key, credential.Secret);
            await Console.Out.WriteLineAsync($"Loading demo data: a generated 7taps course with {options.Value.DemoLearners} learners, through {endpoint}statements ...");
            var sent = await new StatementSender(client).SendAsync(generator.Statements().Select(statement => statement.Json), cancellationToken: stoppingToken);
            await File.WriteAllTextAsync(marker, $"{sent} statements, seed {Seed}, {options.Value.DemoLearners} learners, {DateTimeOffset.UtcNow:O}\n", stoppingToken);
            await Console.Out.WriteLineAsync($"Demo data loaded: {sent:N0} statements.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
