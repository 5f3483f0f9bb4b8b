using Analytics.Api.Apis;
using Analytics.Api.Caching;
using Analytics.Api.Queries;
using SevenTaps.ApiKeys;
using SevenTaps.Audit;

namespace Analytics.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Its own login writes analytics' schema (the API key table, whose context AddApiKeyAuthentication registers
        // as every service does); queries go through the reader.
        builder.AddServiceDataSource(ResourceNames.Database);
        // Key administration is audited; the admin API reads the records, and this service (the table's owner among
        // the services) deletes those past the retention.
        builder.AddAuditTrail();
        builder.AddAuditRetention();
        builder.Services.AddSingleton(services => AnalysisReader.Create(
            builder.Configuration.GetConnectionString(ResourceNames.Database)!, builder.Environment.ApplicationName));
        builder.AddServiceRedisClient(ResourceNames.Redis);
        builder.Services.AddSingleton<AnalysisDataVersion>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AnswerCache>();

        builder.Services.AddOptions<AnalyticsOptions>()
            .BindConfiguration(AnalyticsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddApiKeyAuthentication();

        builder.AddStartupWarmUp(AnalyticsWarmUp.Calls, AnalyticsWarmUp.ApiKeyLookUpAsync);

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
