using Agent.Api.Engine;
using Agent.Api.Engine.Offline;
using Agent.Api.Guard;
using Agent.Api.Infrastructure;
using Agent.Api.Mcp;
using Agent.Api.Model;
using Agent.Api.Workbench;
using Microsoft.Extensions.Options;
using SevenTaps.ApiKeys;
using SevenTaps.Text;

namespace Agent.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // The agent's own login: its schema, the API keys, cancelling workbench runs; no user SQL runs on it (guarded
        // queries log in as the query role, GuardedConnections).
        builder.AddServiceDataSource(ResourceNames.Database);
        builder.AddServiceDbContext<AgentContext>(AgentContext.Configure);
        // Only the normalizer's data version is read there: what the course catalogue is cached by.
        builder.AddServiceRedisClient(ResourceNames.Redis);

        builder.Services.AddOptions<GuardOptions>()
            .BindConfiguration(GuardOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Checked at start, so a misconfigured endpoint fails the start instead of the first question.
        builder.Services.AddOptions<ModelOptions>()
            .BindConfiguration(ModelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GuardedConnections>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GuardedConnections>());
        builder.Services.AddHealthChecks().AddCheck<GuardedConnections>("query-role");
        builder.Services.AddSingleton<SqlGuard>();
        builder.Services.AddOptions<WorkbenchOptions>()
            .BindConfiguration(WorkbenchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RunningQueries>();
        // After the migration's hosted service (registered above), whose start-up applies the table it sweeps.
        builder.Services.AddHostedService<AbandonedRuns>();
        // Analytics' watch list, from the same section analytics reads, so Seven flags the answers the dashboard flags.
        builder.Services.AddOptions<WatchListOptions>()
            .BindConfiguration(WatchListOptions.ConfigurationSection)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CourseCatalogCache>();
        builder.Services.AddSingleton<OfflineEngine>();
        builder.Services.AddSingleton(services => ChatClients.Create(services.GetRequiredService<IOptions<ModelOptions>>().Value));
        builder.Services.AddSingleton<ModelEngine>();
        // The model engine when a model is configured (it falls back on the offline engine itself), else the offline engine.
        builder.Services.AddSingleton<IAnswerEngine>(services => services.GetRequiredService<IOptions<ModelOptions>>().Value.Kind == ModelKind.None
            ? services.GetRequiredService<OfflineEngine>()
            : services.GetRequiredService<ModelEngine>());
        builder.Services.AddScoped<ChatService>();
        builder.Services.AddSingleton<ChatWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ChatWarmUp>());
        builder.Services.AddHealthChecks().AddCheck<ChatWarmUp>("warm-up");

        // Stateless: each MCP request stands alone (no session to keep or lose), as every other endpoint of the agent.
        builder.Services.AddMcpServer()
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithTools<SevenMcpTools>();

        builder.AddApiKeyAuthentication();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
