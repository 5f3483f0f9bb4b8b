using Microsoft.AspNetCore.Http;
using SevenTaps.Audit;
using SevenTaps.Contracts;

namespace SevenTaps.ApiKeys;

/// <summary>The audit actor of a request signed in with an API key.</summary>
public static class ApiKeyActor
{
    /// <summary>The claim that carries the signed-in key's id.</summary>
    public const string KeyIdClaimType = "api_key_id";

    /// <summary>As <c>ChatApi</c> and the workbench accept it: a person's name or e-mail address, not a document.</summary>
    public const int MaxUserNameLength = 256;

    /// <summary>
    /// The key, and the person named in <see cref="AuditHeaders.OnBehalfOf"/> when the key holds
    /// <see cref="ApiKeyScopes.OnBehalf"/>: any other key could name anyone.
    /// </summary>
    public static AuditActor Of(HttpContext context)
    {
        var user = context.User;
        var trusted = user.HasClaim(ApiKeyScopes.ClaimType, ApiKeyScopes.OnBehalf);
        var named = context.Request.Headers[AuditHeaders.OnBehalfOf].ToString().Trim();
        return new AuditActor(
            AuditActor.Api,
            Guid.TryParse(user.FindFirst(KeyIdClaimType)?.Value, out var id) ? id : null,
            user.Identity?.Name,
            trusted && named is { Length: > 0 and <= MaxUserNameLength } ? named : null);
    }
}
