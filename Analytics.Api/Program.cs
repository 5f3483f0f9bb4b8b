var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapOpenApi(PublicRoutes.OpenApiDocument(PublicRoutes.Analytics));
app.MapDefaultEndpoints();

app.Run();
