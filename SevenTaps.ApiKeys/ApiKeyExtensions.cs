using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SevenTaps.Audit;

namespace SevenTaps.ApiKeys;

public static class ApiKeyExtensions
{
    /// <summary>
    /// Bearer API keys as the default scheme, one authorization policy per scope (named as the scope:
    /// <c>.RequireAuthorization(ApiKeyScopes.Admin)</c>), and the bootstrap key. Needs the service's NpgsqlDataSource.
    /// </summary>
    public static void AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>()
            .BindConfiguration(ApiKeyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddApiKeyVerification();
        builder.Services.AddHostedService<BootstrapApiKey>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(options =>
        {
            foreach (var scope in ApiKeyScopes.All)
            {
                options.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireClaim(ApiKeyScopes.ClaimType, scope));
            }
        });
    }

    /// <summary>
    /// The API key scheme beside a service's own default scheme (or none): verification, revocation and throttling,
    /// without the bootstrap key (the services that own the key table create it).
    /// </summary>
    public static void AddApiKeyScheme(this IHostApplicationBuilder builder)
    {
        builder.Services.AddApiKeyVerification();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
    }

    /// <summary>
    /// What a service that checks presented keys needs beside the store: the change listener that evicts revoked keys
    /// from its cache in this process, and failed-login throttling.
    /// </summary>
    public static void AddApiKeyVerification(this IServiceCollection services)
    {
        services.AddApiKeyStore();
        services.AddChangeSubscriber<ApiKeyStore>();
        services.AddLoginThrottle();
    }

    /// <summary>The key store alone (over the service's NpgsqlDataSource), for services that manage keys or take them beside another scheme.</summary>
    public static void AddApiKeyStore(this IServiceCollection services)
    {
        ApiKeyContext.Register(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAuditWriter();
        services.AddSecretVerificationLimit();
        services.TryAddSingleton<ApiKeyStore>();
    }
}
