using System.Net;
using Microsoft.Extensions.ServiceDiscovery;

namespace Gateway.Proxy;

internal static class EndpointAddress
{
    /// <summary>
    /// An address for a resolved endpoint, keeping the scheme and path of the configured one
    /// ("http://ingest-api" + 127.0.0.1:5123 = "http://127.0.0.1:5123/").
    /// </summary>
    public static Uri ToUri(Uri configured, EndPoint endPoint)
    {
        var builder = new UriBuilder(configured);
        switch (endPoint)
        {
            case UriEndPoint uri:
                return uri.Uri;
            case IPEndPoint ip:
                builder.Host = ip.Address.ToString();
                builder.Port = ip.Port;
                break;
            case DnsEndPoint dns:
                builder.Host = dns.Host;
                builder.Port = dns.Port;
                break;
            default:
                throw new InvalidOperationException($"Unsupported endpoint type {endPoint.GetType().Name} for {configured}.");
        }
        return builder.Uri;
    }
}
