using SevenTaps.AppHost;
using SevenTaps.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
try
{
    builder.AddSevenTaps();
}
catch (InvalidOperationException exception)
{
    // A configuration mistake (a development credential that no service would accept): say so, start nothing.
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

await using var app = builder.Build();
await app.RunAsync();
return 0;
