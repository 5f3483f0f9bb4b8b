using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SevenTaps.ApiKeys;

namespace Dashboard.Web.Identity;

/// <summary>
/// Before the dashboard reports healthy (it runs after the identity migration): the roles exist, the first
/// administrator exists when configured, and the dashboard's own API key is in the key table, so the first page it
/// serves can call the APIs.
/// </summary>
internal sealed class DashboardStartup(
    IServiceScopeFactory scopes, ApiKeyStore keys, IOptions<DashboardOptions> options, ILogger<DashboardStartup> logger) : IHostedService
{
    public const string ApiKeyName = "dashboard-web";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().EnsureRolesAsync();
            if (options.Value is { AdminEmail: { Length: > 0 } email, AdminPassword: { Length: > 0 } password })
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
                if (await users.FindByEmailAsync(email) is null)
                {
                    await users.CreateWithRoleAsync(email, password, Roles.Admin);
                    logger.LogInformation("Created the first administrator {Email}", email);
                }
            }
        }
        await BootstrapApiKey.StoreWhenTableExistsAsync(keys, ApiKeyName, options.Value.ApiKey, logger, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
