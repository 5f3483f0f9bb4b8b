using Agent.Api.Engine;
using Agent.Api.Engine.Offline;
using Agent.Api.Guard;
using Agent.Api.Infrastructure;
using Agent.Api.Model;
using SevenTaps.ApiKeys;

namespace Agent.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // The owner connection: provisions the guard's login role and reads the API keys; no user SQL runs on it.
        builder.AddServiceDataSource(ResourceNames.Database);
        builder.AddServiceDbContext<AgentContext>(AgentContext.Configure);
        builder.AddMigration<AgentContext>();

        builder.Services.AddOptions<GuardOptions>()
            .BindConfiguration(GuardOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Bound and checked now so that a misconfigured endpoint fails the start; no engine uses it yet.
        builder.Services.AddOptions<ModelOptions>()
            .BindConfiguration(ModelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GuardedConnections>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GuardedConnections>());
        builder.Services.AddHealthChecks().AddCheck<GuardedConnections>("query-role");
        builder.Services.AddSingleton<SqlGuard>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAnswerEngine, OfflineEngine>();
        builder.Services.AddScoped<ChatService>();

        builder.AddApiKeyAuthentication();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
