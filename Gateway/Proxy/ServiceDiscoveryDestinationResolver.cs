using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Gateway.Proxy;

/// <summary>
/// Expands each configured destination ("http://ingest-api") into the endpoints service discovery knows for
/// it (from <c>services__ingest-api__http__*</c>), one destination per replica. Plays the role of
/// Microsoft.Extensions.ServiceDiscovery.Yarp, which is not available here.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changeTokens = new List<IChangeToken>();
        foreach (var (id, destination) in destinations)
        {
            var configured = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync(configured.GetLeftPart(UriPartial.Authority), cancellationToken);
            changeTokens.Add(source.ChangeToken);
            for (var index = 0; index < source.Endpoints.Count; index++)
            {
                var address = EndpointAddress.ToUri(configured, source.Endpoints[index].EndPoint);
                resolved[$"{id}[{index}]"] = destination with { Address = address.ToString() };
            }
        }
        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }
}
