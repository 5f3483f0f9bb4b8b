using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SevenTaps.Audit;

namespace Dashboard.Web.Identity;

public sealed record UserRow(string Id, string Email, string Role, bool LockedOut);

/// <summary>
/// Users and roles for the admin page. Each operation runs in a scope of its own: a circuit lives for minutes and
/// its one DbContext would otherwise serve overlapping clicks. Each change leaves an audit record naming the signed-in
/// administrator who made it.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, AuditTrail audit, TimeProvider time, ILogger<UserAdministration> logger)
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
        var address = email.Trim();
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15));
        await ChangeAsync(actor, new AuditEvent(AuditActions.UserCreate, address, AuditOutcomes.Succeeded, $"role {role}"),
            users => users.CreateWithRoleAsync(address, password, role));
        logger.LogInformation("User {Email} created with role {Role} by {Actor}", address, role, actor);
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
        var email = await ChangeUserAsync(userId, actor, AuditActions.UserSetRole, $"role {role}", async (users, user) =>
        {
            IdentityExtensions.Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
            IdentityExtensions.Check(await users.AddToRoleAsync(user, role));
            IdentityExtensions.Check(await users.UpdateSecurityStampAsync(user));
        });
        logger.LogInformation("User {Email} now has role {Role}, set by {Actor}", email, role, actor);
    }

    public async Task UnlockAsync(string userId, string actor)
    {
        var email = await ChangeUserAsync(userId, actor, AuditActions.UserUnlock, null, async (users, user) =>
        {
            IdentityExtensions.Check(await users.SetLockoutEndDateAsync(user, null));
            IdentityExtensions.Check(await users.ResetAccessFailedCountAsync(user));
        });
        logger.LogInformation("User {Email} unlocked by {Actor}", email, actor);
    }

    public async Task DeleteAsync(string userId, string actor)
    {
        var email = await ChangeUserAsync(userId, actor, AuditActions.UserDelete, null,
            async (users, user) => IdentityExtensions.Check(await users.DeleteAsync(user)));
        logger.LogInformation("User {Email} deleted by {Actor}", email, actor);
    }

    /// <summary>
    /// A change to an existing user, recorded with the user's e-mail as its target (an unknown id: recorded as not
    /// found, with the id); returns the e-mail.
    /// </summary>
    private async Task<string> ChangeUserAsync(string userId, string actor, string action, string? detail, Func<UserManager<IdentityUser>, IdentityUser, Task> change)
    {
        string? email;
        await using (var scope = scopes.CreateAsyncScope())
        {
            email = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(userId) is { } found
                ? found.Email ?? found.UserName ?? userId
                : null;
        }
        if (email is null)
        {
            await audit.AppendAsync(AuditActor.SignedIn(actor), new AuditEvent(action, userId, AuditOutcomes.NotFound), CancellationToken.None);
            throw new InvalidOperationException("No such user.");
        }
        await ChangeAsync(actor, new AuditEvent(action, email, AuditOutcomes.Succeeded, detail), async users =>
            // Found again inside the change's transaction: it may be retried, and someone may have deleted the user meanwhile.
            await change(users, await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.")));
        return email;
    }

    /// <summary>Each change in a scope of its own (see the class), made and recorded by <see cref="AuditedUserChange"/>.</summary>
    private async Task ChangeAsync(string actor, AuditEvent audited, Func<UserManager<IdentityUser>, Task> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditedUserChange>().RunAsync(AuditActor.SignedIn(actor), audited, change);
    }
}
