using Gateway.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests;

/// <summary>
/// The real gateway on real Kestrel ports (plain HTTP and, when a certificate is configured, HTTPS), with no
/// backends behind it and no database: what these tests look at (TLS, redirects, headers, limits) happens before any
/// proxying.
/// </summary>
public sealed class GatewayServer : WebApplicationFactory<HttpsOptions>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public GatewayServer(IReadOnlyDictionary<string, string?> settings, bool https)
    {
        _settings = settings;
        UseKestrel();
        HttpsEnabled = https;
    }

    public bool HttpsEnabled { get; }

    public Uri Http => Address("http://");

    public Uri Https => Address("https://");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, HttpsEnabled ? "http://127.0.0.1:0;https://127.0.0.1:0" : "http://127.0.0.1:0");
        // The gateway reads API keys only to show /health's details, which these tests do not ask for: a server that
        // is not there (nothing listens on port 1) is enough, and its key listener keeps retrying in the background.
        builder.UseSetting($"ConnectionStrings:{SevenTaps.Contracts.ResourceNames.Database}", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private Uri Address(string scheme)
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.Single(address => address.StartsWith(scheme, StringComparison.Ordinal)));
    }
}
