using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Identity;

public static class AuthenticationExtensions
{
    /// <summary>How often a request's cookie is checked against the account's security stamp (Identity's default: 30 minutes).</summary>
    public static readonly TimeSpan CookieValidationInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Identity's cookie sign-in (with lockout), OpenID Connect when configured, and authorization that requires a
    /// role on every endpoint unless it says otherwise (the sign-in page, static assets, health).
    /// </summary>
    public static void AddDashboardAuthentication(this IHostApplicationBuilder builder)
    {
        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = IdentityConstants.ApplicationScheme;
            options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        authentication.AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "seventaps.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        var oidc = builder.Configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        builder.Services.AddSingleton(oidc);
        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.Scope.Add("email");
                options.GetClaimsFromUserInfoEndpoint = true;
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.CallbackPath = "/signin-oidc";
            });
        }

        builder.Services.AddDashboardIdentityCore().AddSignInManager().AddDefaultTokenProviders();

        var anyRole = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(anyRole)
            .AddPolicy(Roles.AnyRolePolicy, anyRole);
        builder.Services.AddCascadingAuthenticationState();
        // A changed role or a deleted account takes effect within seconds, on open circuits as on requests.
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = CookieValidationInterval);
    }
}
