using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>Service migrate</c>: applies the service's EF Core migrations to the database of <c>ConnectionStrings:seventaps</c>
/// and exits (0 once the schema is up to date). AppHost runs it with the owner role's login before the services
/// start, in a process of its own, so no service holds a login that can change the schema.
/// </summary>
public static class MigrationCommand
{
    public const string Verb = "migrate";

    public static bool Handles(string[] args) => args is [Verb];

    public static async Task<int> RunAsync<TContext>(Action<NpgsqlDbContextOptionsBuilder> configureNpgsql) where TContext : DbContext
    {
        using var host = CommandLineHost.Create<TContext>(SevenTaps.Contracts.ResourceNames.Database, configureNpgsql, _ => { });
        if (host is null)
        {
            return 2;
        }
        await using var scope = host.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
        try
        {
            await database.CreateExecutionStrategy().ExecuteAsync(() => MigrateExclusivelyAsync(database));
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"{typeof(TContext).Name}: migrations failed: {exception}");
            return 1;
        }
        Console.WriteLine($"{typeof(TContext).Name}: schema is up to date");
        return 0;
    }

    /// <summary>
    /// Two AppHosts on one external server, or an operator's <c>migrate</c> beside AppHost's, would otherwise apply the
    /// same migration at once, the loser failing on "relation already exists". A session advisory lock, taken on the
    /// connection the migration then uses, lets one apply them while the others wait and then find nothing to do.
    /// </summary>
    private static async Task MigrateExclusivelyAsync(DatabaseFacade database)
    {
        await database.OpenConnectionAsync();
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SevenTaps.Contracts.AdvisoryLocks.Migrations})");
            try
            {
                await database.MigrateAsync();
            }
            finally
            {
                await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SevenTaps.Contracts.AdvisoryLocks.Migrations})");
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}
