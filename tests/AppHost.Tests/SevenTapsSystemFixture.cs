using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;

namespace AppHost.Tests;

/// <summary>The whole system, started once through AppHost's own model for the tests of the "system" collection.</summary>
public sealed class SevenTapsSystemFixture : IAsyncLifetime
{
    public const string XapiKey = "e2e-key-0001";
    public const string XapiSecret = "e2e-secret-0001";

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = TestApplication.Create(_dataDirectory, $"--SEVENTAPS_XAPI_KEY={XapiKey}", $"--SEVENTAPS_XAPI_SECRET={XapiSecret}");
        await App.StartAsync();
        Gateway = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await App.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SevenTapsSystemFixture>
{
    public const string Name = "system";
}
