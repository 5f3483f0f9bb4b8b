var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapOpenApi(PublicRoutes.OpenApiDocument(PublicRoutes.Agent));
app.MapDefaultEndpoints();

app.Run();
