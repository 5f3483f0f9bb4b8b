using Dashboard.Web.Apis;
using Dashboard.Web.Components;
using Dashboard.Web.Identity;

if (MigrationCommand.Handles(args))
{
    return await MigrationCommand.RunAsync<IdentityContext>(IdentityContextOptions.Configure);
}

if (UsersCommand.Handles(args))
{
    return await UsersCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets().AllowAnonymous();
app.MapAccountApi();
app.MapExplorerExportApi();
app.MapWorkbenchExportApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;
