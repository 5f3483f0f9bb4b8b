using Microsoft.AspNetCore.Authentication;
using SevenTaps.ApiKeys;

namespace Gateway.Health;

/// <summary>
/// The gateway's <c>/health</c> is public: anyone may learn whether the system is up. Which service, server or replica
/// is not, and the checks behind it, only a caller presenting an API key with the admin scope (operators, the
/// dashboard's operations page). The key is checked only here, not on proxied requests: the services check their own.
/// </summary>
internal static class HealthDetails
{
    public static async Task<bool> ForAdminsAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count == 0)
        {
            return false;
        }
        var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        return result.Succeeded && result.Principal.HasClaim(ApiKeyScopes.ClaimType, ApiKeyScopes.Admin);
    }
}
