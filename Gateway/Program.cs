var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGatewayHttps();
app.UseHealthProbeLimit();
app.MapDefaultEndpoints(HealthDetails.ForAdminsAsync);
app.MapReverseProxy();

app.Run();
