using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Applies a context's EF Core migrations when the service starts. The service reports Unhealthy until
/// they are applied, so AppHost starts nothing that depends on the schema before it exists.
/// </summary>
public static class MigrationExtensions
{
    private static readonly ActivitySource ActivitySource = new("SevenTaps.Migrations");

    public static void AddMigration<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        builder.Services.AddSingleton<MigrationState<TContext>>();
        builder.Services.AddHostedService<MigrationHostedService<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<MigrationHealthCheck<TContext>>($"migrations-{typeof(TContext).Name}");
    }

    /// <summary>
    /// Applies the context's migrations while holding a session advisory lock. Replicas start together (several
    /// normalizer workers, say), and management commands may run meanwhile, and would otherwise apply the same
    /// migration at once, the losers failing on "relation already exists". The lock, taken on the connection the
    /// migration then uses, lets one apply them while the others wait and then find nothing to do.
    /// </summary>
    public static async Task MigrateExclusivelyAsync(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SevenTaps.Contracts.AdvisoryLocks.Migrations})", cancellationToken);
            try
            {
                await database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SevenTaps.Contracts.AdvisoryLocks.Migrations})", CancellationToken.None);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    internal sealed class MigrationState<TContext>
    {
        public volatile bool Applied;
        public volatile string? Failure;
    }

    internal sealed class MigrationHostedService<TContext>(
        IServiceProvider services, MigrationState<TContext> state, ILogger<MigrationHostedService<TContext>> logger)
        : IHostedService where TContext : DbContext
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            using var activity = ActivitySource.StartActivity($"Migrate {typeof(TContext).Name}");
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            try
            {
                await context.Database.CreateExecutionStrategy().ExecuteAsync(() => context.Database.MigrateExclusivelyAsync(cancellationToken));
                state.Applied = true;
                logger.LogInformation("{Context}: schema is up to date", typeof(TContext).Name);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                state.Failure = exception.Message;
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                logger.LogCritical(exception, "{Context}: migrations failed; the service stays unhealthy", typeof(TContext).Name);
                throw;
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    internal sealed class MigrationHealthCheck<TContext>(MigrationState<TContext> state) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(state.Applied
                ? HealthCheckResult.Healthy("Schema is up to date.")
                : HealthCheckResult.Unhealthy(state.Failure is null ? "Migrations are being applied." : "Migrations failed."));
    }
}
