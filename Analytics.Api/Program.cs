using Analytics.Api.Apis;
using Analytics.Api.Security;

if (ApiKeysCommand.Handles(args))
{
    return await ApiKeysCommand.RunAsync(args);
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

app.Run();
return 0;
