using Analytics.Api.Apis;
using SevenTaps.ApiKeys;

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
