var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGatewayHttps();
app.UseRateLimiter();
app.MapDefaultEndpoints(Gateway.Health.HealthDetails.ForAdminsAsync);
app.MapReverseProxy();

app.Run();
