using System.Diagnostics;
using SevenTaps.Contracts;

namespace SevenTaps.Testing;

/// <summary>Runs a service's management command (its built entry assembly with arguments) against a test system.</summary>
public static class ServiceCommand
{
    /// <summary>Exit code and everything it wrote; the database and Redis are the application's.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TestSystem app, string service, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(app.Resource<SevenTaps.AppHost.Hosting.ServiceResource>(service).EntryAssembly);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment[$"ConnectionStrings__{ResourceNames.Database}"] = app.GetConnectionString(ResourceNames.Database);
        startInfo.Environment[$"ConnectionStrings__{ResourceNames.Redis}"] = app.GetConnectionString(ResourceNames.Redis);
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
