using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Identity;

public sealed record UserRow(string Id, string Email, string Role, bool LockedOut);

/// <summary>
/// Users and roles for the admin page. Each operation runs in a scope of its own: a circuit lives for minutes and
/// its one DbContext would otherwise serve overlapping clicks.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider time, ILogger<UserAdministration> logger)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var rows = new List<UserRow>();
        foreach (var user in await users.Users.AsNoTracking().OrderBy(user => user.Email).ToListAsync())
        {
            var roles = await users.GetRolesAsync(user);
            rows.Add(new UserRow(user.Id, user.Email ?? user.UserName ?? user.Id, roles.FirstOrDefault() ?? "(none)",
                user.LockoutEnd is { } end && end > time.GetUtcNow()));
        }
        return rows;
    }

    /// <summary>Creates the user with a generated password, returned to be shown once.</summary>
    public async Task<string> CreateAsync(string email, string role, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15));
        await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().CreateWithRoleAsync(email.Trim(), password, role);
        logger.LogInformation("User {Email} created with role {Role} by {Actor}", email, role, actor);
        return password;
    }

    /// <summary>
    /// Gives the user exactly one role. The new security stamp ends what their old role allowed within seconds: their
    /// open pages (<see cref="RevalidatingIdentityStateProvider"/>) and their cookie, after which they sign in again.
    /// </summary>
    public async Task SetRoleAsync(string userId, string role, string actor)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        IdentityExtensions.Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
        IdentityExtensions.Check(await users.AddToRoleAsync(user, role));
        IdentityExtensions.Check(await users.UpdateSecurityStampAsync(user));
        logger.LogInformation("User {Email} now has role {Role}, set by {Actor}", user.Email, role, actor);
    }

    public async Task UnlockAsync(string userId, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        IdentityExtensions.Check(await users.SetLockoutEndDateAsync(user, null));
        IdentityExtensions.Check(await users.ResetAccessFailedCountAsync(user));
        logger.LogInformation("User {Email} unlocked by {Actor}", user.Email, actor);
    }

    public async Task DeleteAsync(string userId, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        IdentityExtensions.Check(await users.DeleteAsync(user));
        logger.LogInformation("User {Email} deleted by {Actor}", user.Email, actor);
    }
}
