using Analytics.Api.Apis;
using Analytics.Api.Infrastructure;
using SevenTaps.ApiKeys;

if (ApiKeysCommand.Handles(args))
{
    return await ApiKeysCommand.RunAsync<AnalyticsContext>(args, AnalyticsContextOptions.Configure);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi(PublicRoutes.OpenApiDocument(PublicRoutes.Analytics));
app.MapDefaultEndpoints();
app.MapAnalyticsApi();
app.MapExplorerApi();
app.MapApiKeysApi();

app.Run();
return 0;
