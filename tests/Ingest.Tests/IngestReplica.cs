using System.Diagnostics;
using SevenTaps.Contracts;

namespace Ingest.Tests;

/// <summary>
/// Another ingest-api process beside the fixture's: the same build and environment (database, Redis, settings),
/// on a port of its own, as a second replica would run; <c>settings</c> adds or overrides configuration
/// (environment variables, <c>Section__Name</c>).
/// </summary>
public sealed class IngestReplica : IAsyncDisposable
{
    private readonly Process _process;

    private IngestReplica(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<IngestReplica> StartAsync(IngestFixture ingest, IReadOnlyDictionary<string, string>? settings = null)
    {
        var firstPid = await ingest.App.ProcessIdAsync(ResourceNames.IngestApi) ?? throw new InvalidOperationException("ingest-api is not running");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(ingest.App.Resource<SevenTaps.AppHost.Hosting.ServiceResource>(ResourceNames.IngestApi).EntryAssembly);
        startInfo.Environment.Clear();
        foreach (var (name, value) in TestApplication.EnvironmentOf(firstPid).Concat(settings ?? new Dictionary<string, string>()))
        {
            startInfo.Environment[name] = value;
        }
        startInfo.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var replica = new IngestReplica(process, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () =>
        {
            Assert.False(process.HasExited, $"The second ingest-api exited with {(process.HasExited ? process.ExitCode : 0)}.");
            try
            {
                using var response = await http.GetAsync("/xapi/about");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, seconds: 120);
        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
