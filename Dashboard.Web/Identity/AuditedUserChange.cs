using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SevenTaps.Audit;

namespace Dashboard.Web.Identity;

/// <summary>
/// Changes users and roles with their audit record in one transaction, so the change and its record commit together
/// or not at all (and a role change's several writes commit as one); a change Identity refuses is recorded as failed,
/// on its own. Used by the users page and the <c>users</c> command.
/// </summary>
public sealed class AuditedUserChange(IdentityContext context, UserManager<IdentityUser> users, AuditTrail audit)
{
    /// <summary>Runs <paramref name="change"/>; records <paramref name="audited"/> with it, or as failed with the reason.</summary>
    /// <exception cref="InvalidOperationException">Identity refused the change (the message says why).</exception>
    /// <exception cref="ArgumentException">An unknown role.</exception>
    public async Task RunAsync(AuditActor actor, AuditEvent audited, Func<UserManager<IdentityUser>, Task> change)
    {
        // The context retries transient failures: the whole transaction is the unit it retries, from a clean slate.
        var strategy = context.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                context.ChangeTracker.Clear();
                await using var transaction = await context.Database.BeginTransactionAsync();
                await change(users);
                await audit.AppendAsync((NpgsqlConnection)context.Database.GetDbConnection(), actor, audited, CancellationToken.None);
                await transaction.CommitAsync();
            });
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            await audit.AppendAsync(actor, audited with { Outcome = AuditOutcomes.Failed, Detail = exception.Message }, CancellationToken.None);
            throw;
        }
    }
}
