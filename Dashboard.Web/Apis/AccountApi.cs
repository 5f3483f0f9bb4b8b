using System.Security.Claims;
using Dashboard.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Apis;

/// <summary>Sign-out and single sign-on: what needs the HTTP response itself (the password form is <c>Account/Login</c>).</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account").ExcludeFromDescription();

        // A form post with the antiforgery token (bound [FromForm]): another site cannot sign a user out.
        account.MapPost("/logout", Logout).WithName("Logout").WithSummary("Signs out and returns to the sign-in page.");
        account.MapGet("/external/{scheme}", ExternalChallenge).AllowAnonymous()
            .WithName("ExternalLogin").WithSummary("Starts single sign-on with the OpenID Connect provider.");
        account.MapGet("/external-callback", ExternalCallback).AllowAnonymous()
            .WithName("ExternalLoginCallback").WithSummary("Signs in (creating a viewer on first visit) the person the provider vouched for.");
        return app;
    }

    public static async Task<RedirectHttpResult> Logout(SignInManager<IdentityUser> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/login");
    }

    public static Results<ChallengeHttpResult, NotFound> ExternalChallenge(string scheme, SignInManager<IdentityUser> signIn, OidcOptions oidc)
    {
        if (!oidc.Enabled || scheme != OidcOptions.Scheme)
        {
            return TypedResults.NotFound();
        }
        var properties = signIn.ConfigureExternalAuthenticationProperties(scheme, "/account/external-callback");
        return TypedResults.Challenge(properties, [scheme]);
    }

    public static async Task<RedirectHttpResult> ExternalCallback(
        SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, HttpContext context, ILogger<OidcOptions> logger)
    {
        if (await signIn.GetExternalLoginInfoAsync() is not { } login)
        {
            return TypedResults.LocalRedirect("/account/login?error=external");
        }
        var result = await signIn.ExternalLoginSignInAsync(login.LoginProvider, login.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (result.IsLockedOut)
        {
            return TypedResults.LocalRedirect("/account/login?error=locked");
        }
        if (!result.Succeeded)
        {
            if ((login.Principal.FindFirstValue(ClaimTypes.Email) ?? login.Principal.FindFirstValue("email")) is not { Length: > 0 } email)
            {
                return TypedResults.LocalRedirect("/account/login?error=external");
            }
            // First visit: the provider's account becomes a viewer, or is linked to the existing user with that
            // address when the provider says it verified the address (else anyone could claim an administrator's).
            var user = await users.FindByEmailAsync(email);
            if (user is not null && login.Principal.FindFirstValue("email_verified") != "true")
            {
                return TypedResults.LocalRedirect("/account/login?error=external");
            }
            if (user is null)
            {
                user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
                IdentityExtensions.Check(await users.CreateAsync(user));
                IdentityExtensions.Check(await users.AddToRoleAsync(user, Roles.Viewer));
                logger.LogInformation("Created viewer {Email} at first single sign-on", email);
            }
            IdentityExtensions.Check(await users.AddLoginAsync(user, login));
            await signIn.SignInAsync(user, isPersistent: false);
        }
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        return TypedResults.LocalRedirect("/");
    }
}
