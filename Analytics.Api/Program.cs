using Analytics.Api.Apis;
using SevenTaps.ApiKeys;
using SevenTaps.Audit;

if (MigrationCommand.Handles(args))
{
    // Analytics owns the API key table and the audit trail that ingest and the normalizer append to as well.
    var keys = await MigrationCommand.RunAsync<ApiKeyContext>(ApiKeyContext.ConfigureMigrations);
    return keys != 0 ? keys : await MigrationCommand.RunAsync<AuditContext>(AuditContext.ConfigureMigrations);
}

if (ApiKeysCommand.Handles(args))
{
    return await ApiKeysCommand.RunAsync<ApiKeyContext>(args, ApiKeyContext.ConfigureMigrations);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi(PublicRoutes.OpenApiDocument(PublicRoutes.Analytics)).RequireSignInOutsideDevelopment(app.Environment);
app.MapDefaultEndpoints();
app.MapAnalyticsApi();
app.MapExplorerApi();
app.MapApiKeysApi();
app.MapAuditApi();

app.Run();
return 0;
