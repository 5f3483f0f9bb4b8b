using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;

namespace SevenTaps.AppHost;

/// <summary>The SevenTaps application model: what runs, what each part references and waits for.</summary>
public static class SevenTapsApplication
{
    public static DistributedApplicationBuilder AddSevenTaps(this DistributedApplicationBuilder builder)
    {
        var credential = XapiCredential.From(builder.Configuration, builder.Options);
        builder.Services.AddSingleton(new BootstrapCredential(credential));
        builder.Services.AddHostedService<DemoDataLoader>();

        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        var database = builder.AddDatabase(postgres, ResourceNames.Database);
        var redis = builder.AddRedis(ResourceNames.Redis);

        // Ingest owns the raw statement store and applies its migrations before it reports healthy.
        var ingest = builder.AddProject(ResourceNames.IngestApi, ServiceProjects.IngestApi)
            .WithReference(database)
            .WithReference(redis)
            // A development LRS credential, when the operator sets one or asks for demo data.
            .WithEnvironment("Xapi__BootstrapCredential__Key", credential?.Key)
            .WithEnvironment("Xapi__BootstrapCredential__Secret", credential?.Secret);

        // A development API key with every scope, for analytics and the normalizer's operations API alike.
        var bootstrapApiKey = builder.Configuration["SEVENTAPS_API_KEY"] is { Length: > 0 } apiKey && CredentialRules.ApiKeyProblem(apiKey) is { } problem
            ? throw new InvalidOperationException($"SEVENTAPS_API_KEY cannot be used: {problem}.")
            : builder.Configuration["SEVENTAPS_API_KEY"];

        var normalizer = builder.AddProject(ResourceNames.NormalizerWorker, ServiceProjects.NormalizerWorker)
            .WithReference(database)
            .WithReference(redis)
            .WithEnvironment("ApiKeys__BootstrapKey", bootstrapApiKey)
            .WithReplicas(builder.Options.NormalizerReplicas)
            .WaitFor(ingest);

        var analytics = builder.AddProject(ResourceNames.AnalyticsApi, ServiceProjects.AnalyticsApi)
            .WithReference(database)
            .WithReference(redis)
            .WithEnvironment("ApiKeys__BootstrapKey", bootstrapApiKey)
            .WaitFor(normalizer);

        var agent = builder.AddProject(ResourceNames.AgentApi, ServiceProjects.AgentApi)
            .WithReference(database)
            .WaitFor(normalizer);

        var dashboard = builder.AddProject(ResourceNames.DashboardWeb, ServiceProjects.DashboardWeb)
            .WithReference(analytics)
            .WithReference(agent);

        builder.AddProject(ResourceNames.Gateway, ServiceProjects.Gateway)
            .WithHttpEndpoint(builder.Options.Port)
            .WithReference(ingest)
            .WithReference(normalizer)
            .WithReference(analytics)
            .WithReference(agent)
            .WithReference(dashboard);

        return builder;
    }
}
