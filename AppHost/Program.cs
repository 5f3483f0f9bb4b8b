using SevenTaps.AppHost;
using SevenTaps.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddSevenTaps();

await using var app = builder.Build();
await app.RunAsync();
