using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace SevenTaps.Audit;

public static class AuditExtensions
{
    /// <summary>
    /// For a service that performs administrative actions: the audit table's migrations (applied at start-up), the
    /// writer, and the reader. Needs the service's NpgsqlDataSource.
    /// </summary>
    public static void AddAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<AuditContext>(AuditContext.ConfigureMigrations);
        builder.AddMigration<AuditContext>();
        builder.Services.AddAuditWriter();
        builder.Services.TryAddSingleton<AuditReader>();
    }

    /// <summary>The writer alone, for stores that append records (and the hosts of management commands).</summary>
    public static void AddAuditWriter(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditTrail>();
    }

    /// <summary>
    /// For a management command's host: the writer, and the audit table created if this database has none yet (a
    /// command can run before any service started).
    /// </summary>
    public static async Task MigrateAuditTrailAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var context = new AuditContext(new DbContextOptionsBuilder<AuditContext>()
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), AuditContext.ConfigureMigrations).Options);
        await context.Database.MigrateExclusivelyAsync(cancellationToken);
    }
}
