using System.Collections.Concurrent;
using System.Security.Claims;
using Ingest.Api.Security;
using SevenTaps.Xapi;

namespace Ingest.Api.Apis;

/// <summary>
/// The xAPI version each credential last spoke, so that a request refused for a missing or unknown
/// <c>X-Experience-API-Version</c> is answered in the version its client reads: a refusal must still carry the header
/// (Communication "Versioning"), and claiming 2.0.0 to a 1.0.3 client, or 1.0.3 to a 2.0 client, tells it the LRS
/// does not speak its version. Per replica and in memory: one entry per credential, and a credential not seen yet is
/// answered in 1.0.3, the version a client of either can read.
/// </summary>
public sealed class ClientVersions
{
    private readonly ConcurrentDictionary<Guid, XapiVersion> _versions = new();

    public void Record(ClaimsPrincipal user, XapiVersion version)
    {
        if (CredentialOf(user) is { } credential && (!_versions.TryGetValue(credential, out var known) || known != version))
        {
            _versions[credential] = version;
        }
    }

    public XapiVersion? LastOf(ClaimsPrincipal user) =>
        CredentialOf(user) is { } credential && _versions.TryGetValue(credential, out var version) ? version : null;

    private static Guid? CredentialOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(LrsBasicAuthenticationHandler.CredentialIdClaim), out var id) ? id : null;
}
