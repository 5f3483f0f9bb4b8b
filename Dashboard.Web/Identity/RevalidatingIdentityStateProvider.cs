using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Identity;

/// <summary>
/// Checks an open circuit's person against the database every <see cref="Interval"/>: a new role, or a deleted account,
/// changes the security stamp (<see cref="UserAdministration"/>), and the circuit then drops the identity it started
/// with, so its pages show "Not allowed" at once instead of at the next sign-in. (The cookie is checked on each request
/// the same way, every <see cref="AuthenticationExtensions.CookieValidationInterval"/>, and sends the person to sign in again.)
/// </summary>
internal sealed class RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A scope of its own: the circuit lives for hours, a DbContext should not.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.GetUserAsync(authenticationState.User) is not { } user)
        {
            return false;
        }
        var stamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
