using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Microsoft.Extensions.Hosting;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's PostgreSQL data source (Aspire.Npgsql: health check, tracing, metrics) from
    /// <c>ConnectionStrings:{connectionName}</c>, named after the service in <c>pg_stat_activity</c>.
    /// </summary>
    public static void AddServiceDataSource(this IHostApplicationBuilder builder, string connectionName, Action<NpgsqlConnectionStringBuilder>? tune = null) =>
        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: dataSource =>
        {
            dataSource.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;
            // Our services keep no session state on connections, so returning one to the pool need not cost a
            // DISCARD ALL round trip.
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            // The hot paths run the same few SQL texts over and over (the normalizer's upserts with their summary CTEs
            // are kilobytes long): prepared once per connection, PostgreSQL stops parsing and planning them per call.
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
            dataSource.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            tune?.Invoke(dataSource.ConnectionStringBuilder);
        });

    /// <summary>
    /// An EF Core context over the process's data source (one pool per process, not one per context), enriched by
    /// Aspire (retries on transient failures, a health check, tracing).
    /// </summary>
    public static void AddServiceDbContext<TContext>(this IHostApplicationBuilder builder, Action<NpgsqlDbContextOptionsBuilder> configureNpgsql)
        where TContext : DbContext
    {
        builder.Services.AddDbContext<TContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), configureNpgsql));
        builder.EnrichNpgsqlDbContext<TContext>();
    }
}
