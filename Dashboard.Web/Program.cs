using Dashboard.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseAntiforgery();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>();

app.Run();
