using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gateway.Security;

/// <summary>
/// The reverse proxies in front of the gateway whose X-Forwarded-* headers are believed (section
/// <c>Gateway:TrustedProxies</c>: addresses or networks in CIDR notation). From anyone else the headers are
/// ignored, so a client cannot choose the address that per-client limits and logs see. Unset: loopback only.
/// </summary>
public static class TrustedProxies
{
    public const string SectionName = "Gateway:TrustedProxies";

    public static void AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        var entries = builder.Configuration.GetSection(SectionName).Get<string[]>()
            ?? builder.Configuration[SectionName]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? [];
        var networks = entries.Select(Parse).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            if (networks.Count == 0)
            {
                return;
            }
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
    }

    private static System.Net.IPNetwork Parse(string entry) =>
        System.Net.IPNetwork.TryParse(entry, out var network) ? network
        : IPAddress.TryParse(entry, out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
        : throw new InvalidOperationException($"{SectionName}: '{entry}' is neither an IP address nor a network in CIDR notation.");
}
