using SevenTaps.AppHost;
using SevenTaps.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
DistributedApplication app;
try
{
    builder.AddSevenTaps();
    app = builder.Build();
}
catch (InvalidOperationException exception)
{
    // A configuration mistake (a development credential no service would accept, an unknown --only name):
    // say so, start nothing.
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

await using (app)
{
    await app.RunAsync();
}
return 0;
