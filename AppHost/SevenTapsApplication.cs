using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;

namespace SevenTaps.AppHost;

/// <summary>The SevenTaps application model: what runs, what each part references and waits for.</summary>
public static class SevenTapsApplication
{
    public static IDistributedApplicationBuilder AddSevenTaps(this IDistributedApplicationBuilder builder)
    {
        var options = builder.AddAppHostOptions();
        var credential = XapiCredential.From(builder.Configuration, options);
        var bootstrapApiKey = BootstrapApiKey(builder.Configuration);
        var dashboardAdmin = DashboardAdmin.From(builder.Configuration, options);
        var home = HostEnvironment.Prepare(options);
        var demo = DemoCourse.Prepare(options, home, DateTimeOffset.UtcNow);

        var database = builder.AddSevenTapsDatabase(options);
        var redis = builder.AddSevenTapsRedis(options);

        // Every schema's migrations, applied with the owner's login before any service starts; the services log in
        // with roles of their own (AppHost/Hosting/DatabaseAccess.cs says what each may do).
        IReadOnlyList<IResourceBuilder<MigrationResource>> migrations =
        [
            builder.AddMigrations<Projects.Ingest_Api>(ResourceNames.IngestApi, home, database),
            builder.AddMigrations<Projects.Normalizer_Worker>(ResourceNames.NormalizerWorker, home, database),
            builder.AddMigrations<Projects.Analytics_Api>(ResourceNames.AnalyticsApi, home, database),
            builder.AddMigrations<Projects.Agent_Api>(ResourceNames.AgentApi, home, database),
            builder.AddMigrations<Projects.Dashboard_Web>(ResourceNames.DashboardWeb, home, database),
        ];

        // Ingest owns the raw statement store.
        var ingest = builder.AddService<Projects.Ingest_Api>(ResourceNames.IngestApi, home)
            .WithDatabaseLogin(database, DatabaseRoles.Ingest).WaitForMigrations(migrations)
            .WithReference(redis).WaitFor(redis)
            // A development LRS credential, when the operator sets one or asks for demo data.
            .WithSecret("Xapi__BootstrapCredential__Key", credential?.Key)
            .WithSecret("Xapi__BootstrapCredential__Secret", credential?.Secret);

        var normalizers = Enumerable.Range(1, options.NormalizerReplicas).Select(replica =>
            builder.AddService<Projects.Normalizer_Worker>(ReplicaName(ResourceNames.NormalizerWorker, replica), home)
                .WithDatabaseLogin(database, DatabaseRoles.Normalizer).WaitForMigrations(migrations)
                .WithReference(redis)
                .WithSecret("ApiKeys__BootstrapKey", bootstrapApiKey)
                // The demo's lesson numbers and names; the stored catalogue serves later starts.
                .WithEnvironment(context =>
                {
                    if (demo is not null)
                    {
                        context.EnvironmentVariables["Normalizer__LessonCatalogueFile"] = demo.CatalogueFile;
                    }
                })
                .WaitFor(ingest)).ToList();

        var analytics = builder.AddService<Projects.Analytics_Api>(ResourceNames.AnalyticsApi, home)
            .WithDatabaseLogin(database, DatabaseRoles.Analytics).WaitForMigrations(migrations)
            .WithReference(redis)
            .WithSecret("ApiKeys__BootstrapKey", bootstrapApiKey)
            .WithWatchList(builder.Configuration)
            .WaitForAll(normalizers);

        // Analytics owns the API key table the agent checks keys against.
        // Its guarded queries log in as the query role, which reads the analysis schema and nothing else.
        var agent = builder.AddService<Projects.Agent_Api>(ResourceNames.AgentApi, home)
            .WithDatabaseLogin(database, DatabaseRoles.Agent).WaitForMigrations(migrations)
            .WithDatabaseLogin(database, DatabaseRoles.Query, DatabaseRoles.QueryConnectionName)
            .WithReference(redis)
            .WithSecret("ApiKeys__BootstrapKey", bootstrapApiKey)
            .WithModelSettings(builder.Configuration)
            .WithWatchList(builder.Configuration)
            .WaitForAll(normalizers)
            .WaitFor(analytics);

        // The dashboard owns the identity schema, calls analytics (which owns the key table it stores its own key
        // in), ingest (xAPI credentials), the agent (chat) and the normalizers (operations) with that key, and
        // creates the first administrator; it watches Redis' data version to update open dashboards live.
        var dashboard = builder.AddService<Projects.Dashboard_Web>(ResourceNames.DashboardWeb, home)
            .WithDatabaseLogin(database, DatabaseRoles.Dashboard).WaitForMigrations(migrations)
            .WithReference(redis)
            .WithReference(ingest).WaitFor(ingest)
            .WithReference(analytics).WaitFor(analytics)
            .WithReference(agent).WaitFor(agent)
            .WithReplicaReferences(ResourceNames.NormalizerWorker, normalizers)
            // Where the operations page links a statement's trace: the Aspire dashboard this AppHost runs.
            .WithSecret("Dashboard__AspireDashboardUrl", builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0])
            .WithSecret("Dashboard__ApiKey", DashboardAdmin.ApiKey(options))
            .WithSecret("Dashboard__AdminEmail", dashboardAdmin?.Email)
            .WithSecret("Dashboard__AdminPassword", dashboardAdmin?.Password);

        // The gateway reads the API key table only to show /health's details to admin keys.
        var gateway = builder.AddService<Projects.Gateway>(ResourceNames.Gateway, home, port: options.Port == 0 ? null : options.Port, bindsLowPorts: options.BindsLowPorts)
            .WithDatabaseLogin(database, DatabaseRoles.Gateway)
            .WithReference(ingest).WaitFor(ingest)
            .WithReplicaReferences(ResourceNames.NormalizerWorker, normalizers)
            .WithReference(analytics).WaitFor(analytics)
            .WithReference(agent).WaitFor(agent)
            .WithReference(dashboard).WaitFor(dashboard)
            .WithPublicEndpoints(options, builder.Configuration)
            .WithExternalHttpEndpoints();
        // The operations page shows the gateway's /health. Not a reference (the gateway waits for the dashboard), and
        // only while the gateway is in the model (--only may leave it out).
        dashboard.WithEnvironment(context =>
        {
            if (builder.Resources.Contains(gateway.Resource))
            {
                context.EnvironmentVariables[$"services__{ResourceNames.Gateway}__{ServiceResource.EndpointName}__0"] = gateway.Resource.HttpEndpoint;
            }
        });

        builder.Services.AddSingleton(new BootstrapCredential(credential));
        if (demo is not null)
        {
            builder.Services.AddSingleton(demo);
        }
        builder.Services.AddSingleton(new DashboardAdminSetting(dashboardAdmin));
        builder.Services.AddSingleton<AutomaticRestarts>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AutomaticRestarts>());
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>((started, _) =>
        {
            started.Services.GetRequiredService<AutomaticRestarts>().MarkStopsAsIntended(started.Resource);
            return Task.CompletedTask;
        });
        builder.Services.AddHostedService<DemoDataLoader>();
        builder.Services.AddHostedService<StartupSummary>();

        ResourceSelection.KeepOnly(builder, options.OnlyResources);
        return builder;
    }

    /// <summary>The first replica keeps the plain name, so a single worker is simply "normalizer-worker".</summary>
    public static string ReplicaName(string name, int replica) => replica == 1 ? name : $"{name}-{replica}";

    private static AppHostOptions AddAppHostOptions(this IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>() ?? new AppHostOptions();
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        // The model is shaped by these options (replicas, ports), so they are checked now rather than at host start.
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
        {
            throw new InvalidOperationException($"AppHost settings are not valid: {string.Join("; ", problems.Select(problem => problem.ErrorMessage))}");
        }
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        return options;
    }

    /// <summary>A development API key with every scope, for analytics and the normalizer's operations API alike.</summary>
    private static string? BootstrapApiKey(IConfiguration configuration) =>
        configuration["SEVENTAPS_API_KEY"] is { Length: > 0 } apiKey && CredentialRules.ApiKeyProblem(apiKey) is { } problem
            ? throw new InvalidOperationException($"SEVENTAPS_API_KEY cannot be used: {problem}.")
            : configuration["SEVENTAPS_API_KEY"];
}
