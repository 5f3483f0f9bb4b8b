using Ingest.Api.Apis;
using Ingest.Api.Security;

if (MigrationCommand.Handles(args))
{
    return await MigrationCommand.RunAsync<Ingest.Api.Infrastructure.IngestContext>(Ingest.Api.Infrastructure.IngestContextOptions.Configure);
}

if (CredentialsCommand.Handles(args))
{
    return await CredentialsCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddCredentialsApi();

var app = builder.Build();

app.UseMiddleware<XapiResponseHeaders>();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Before routing and authentication: it turns a 1.0.3 alternate-syntax POST into the request it stands for.
app.UseMiddleware<AlternateRequestSyntax>();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi(PublicRoutes.OpenApiDocument(PublicRoutes.Xapi)).RequireSignInOutsideDevelopment(app.Environment);
app.MapDefaultEndpoints();
app.MapXapiApi();
app.MapDocumentsApi();
app.MapAgentsApi();
app.MapActivitiesApi();
app.MapCredentialsApi();

app.Run();
return 0;
