var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapOpenApi(PublicRoutes.OpenApiDocument(PublicRoutes.Xapi));
app.MapDefaultEndpoints();

app.Run();
