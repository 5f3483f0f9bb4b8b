using Agent.Api.Apis;
using Agent.Api.Infrastructure;

if (MigrationCommand.Handles(args))
{
    return await MigrationCommand.RunAsync<AgentContext>(AgentContext.Configure);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi(PublicRoutes.OpenApiDocument(PublicRoutes.Agent)).RequireSignInOutsideDevelopment(app.Environment);
app.MapDefaultEndpoints();
app.MapQueryApi();
app.MapWorkbenchApi();
app.MapChatApi();
app.MapMcpApi();

app.Run();
return 0;
