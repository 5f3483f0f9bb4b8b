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
/// The demo course: seeded, so every demo has the same course, learners and answers, and moved in time so that it
/// ends when AppHost starts: a cohort every two weeks, the latest two weeks in, learners active today and others
/// drifting away, as a course in progress looks. Made only while the demo still has to be loaded.
/// </summary>
/// <param name="CatalogueFile">Its lesson catalogue (lesson_mapping.json shape), which the normalizers load at start.</param>
public sealed record DemoCourse(GeneratorOptions Options, string CatalogueFile)
{
    public const int Seed = 7;
    public const string MarkerFile = "demo-loaded";

    /// <summary>The course to load, or null when <c>--demo</c> is off or its data was loaded before.</summary>
    public static DemoCourse? Prepare(AppHostOptions options, string home, DateTimeOffset now)
    {
        if (!options.Demo || File.Exists(Path.Combine(options.FullDataDirectory, MarkerFile)))
        {
            return null;
        }
        var generatorOptions = new GeneratorOptions { Seed = Seed, Learners = options.DemoLearners, Cohorts = 6, CohortSpread = 1.0 }.EndingAt(now);
        // In the services' home, which their OS user can read.
        var catalogue = Path.Combine(home, "demo-lesson-mapping.json");
        File.WriteAllText(catalogue, new CourseGenerator(generatorOptions).Course.ToLessonMappingJson(now));
        return new DemoCourse(generatorOptions, catalogue);
    }
}

/// <summary>
/// <c>--demo</c>: once the gateway is healthy, generates the <see cref="DemoCourse"/> and sends it through the
/// gateway's xAPI endpoint like 7taps would. Done once per data directory.
/// </summary>
internal sealed class DemoDataLoader(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IOptions<AppHostOptions> options,
    BootstrapCredential bootstrap,
    IServiceProvider services,
    ILogger<DemoDataLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Demo || bootstrap.Credential is not { } credential)
        {
            return;
        }
        var marker = Path.Combine(options.Value.FullDataDirectory, DemoCourse.MarkerFile);
        if (services.GetService<DemoCourse>() is not { } course)
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
            var generator = new CourseGenerator(course.Options);
            var endpoint = new Uri(new Uri(gateway.HttpEndpoint.Url), PublicRoutes.Xapi + "/");
            using var client = StatementSender.CreateClient(endpoint, credential.Key, credential.Secret);
            await Console.Out.WriteLineAsync($"Loading demo data: a generated 7taps course with {course.Options.Learners} learners, through {endpoint}statements ...");
            var sent = await new StatementSender(client).SendAsync(generator.Statements().Select(statement => statement.Json), cancellationToken: stoppingToken);
            // Written aside and renamed: the marker appears whole or not at all (one left empty by a crash would
            // keep the demo from ever loading, and a reader could find it before its text).
            var written = marker + ".tmp";
            await File.WriteAllTextAsync(written,
                $"{sent} statements, seed {DemoCourse.Seed}, {course.Options.Learners} learners, ending {course.Options.PeriodEnd:O}\n", stoppingToken);
            File.Move(written, marker, overwrite: true);
            await Console.Out.WriteLineAsync($"Demo data loaded: {sent:N0} statements.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
