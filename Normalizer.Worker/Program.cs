using Normalizer.Worker.Apis;
using Normalizer.Worker.Commands;
using Normalizer.Worker.Renormalization;
using SevenTaps.ApiKeys;
using SevenTaps.Contracts;

if (MigrationCommand.Handles(args))
{
    return await MigrationCommand.RunAsync<SevenTaps.Analysis.AnalysisContext>(SevenTaps.Analysis.AnalysisContextOptions.Configure);
}

if (RenormalizeCommand.Handles(args))
{
    return await RenormalizeCommand.RunAsync(args);
}

if (OperationsCommand.Handles(args))
{
    return await OperationsCommand.RunAsync(args);
}

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi(PublicRoutes.OpenApiDocument(PublicRoutes.Normalizer)).RequireSignInOutsideDevelopment(app.Environment);
app.MapDefaultEndpoints();
app.MapNormalizerApi();

app.Run();
return 0;
