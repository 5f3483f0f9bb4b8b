using Analytics.Api.Caching;
using Analytics.Api.Infrastructure;
using Analytics.Api.Queries;
using Analytics.Api.Security;
using Microsoft.AspNetCore.Authentication;

namespace Analytics.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // The owner connection applies analytics' own migrations and manages API keys; queries go through the reader.
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddNpgsqlDbContext<AnalyticsContext>(AnalyticsContextOptions.Configure);
        builder.AddMigration<AnalyticsContext>();
        builder.Services.AddSingleton(services => AnalysisReader.Create(
            builder.Configuration.GetConnectionString(ResourceNames.Database)!, builder.Environment.ApplicationName));
        builder.AddRedisClient(ResourceNames.Redis);
        builder.Services.AddSingleton<AnalysisDataVersion>();
        builder.Services.AddSingleton<AnswerCache>();

        builder.Services.AddOptions<AnalyticsOptions>()
            .BindConfiguration(AnalyticsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddHostedService<BootstrapApiKey>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
