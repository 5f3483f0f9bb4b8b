using Gateway.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests;

/// <summary>
/// The real gateway on real Kestrel ports (plain HTTP and, when a certificate is configured, HTTPS), with no
/// backends behind it: what these tests look at (TLS, redirects, headers, limits) happens before any proxying.
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
