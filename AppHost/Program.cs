using SevenTaps.AppHost;

var builder = DistributedApplication.CreateBuilder(AppHostOptions.ExpandCommandLine(args));
try
{
    builder.AddSevenTaps();
}
catch (InvalidOperationException exception)
{
    // A configuration mistake (a development credential no service would accept, an unknown --only name):
    // say so, start nothing.
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

await builder.Build().RunAsync();
return 0;
