using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// PostgreSQL client registration, in the role Aspire.Npgsql plays (its packages are not available here):
/// a pooled <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:{name}</c>, a health check, and tracing
/// through the <c>Npgsql</c> ActivitySource that <see cref="Extensions.ConfigureOpenTelemetry{TBuilder}"/> listens to.
/// </summary>
public static class PostgresExtensions
{
    public static NpgsqlDataSourceBuilder AddNpgsqlDataSource(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not configured. AppHost sets ConnectionStrings__{connectionName}; " +
                "when running a service on its own, set it yourself.");
        }

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        dataSourceBuilder.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;
        // Our services keep no session state on connections, so returning one to the pool need not cost a
        // DISCARD ALL round trip.
        dataSourceBuilder.ConnectionStringBuilder.NoResetOnClose = true;
        builder.Services.AddSingleton(_ => dataSourceBuilder.Build());
        builder.Services.AddHealthChecks().AddNpgSql(name: connectionName, timeout: TimeSpan.FromSeconds(5));
        return dataSourceBuilder;
    }

    /// <summary>An EF Core context over the shared data source (one pool per process, not one per context).</summary>
    public static void AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        Action<Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder>? configureNpgsql = null)
        where TContext : DbContext =>
        builder.Services.AddDbContext<TContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql =>
            {
                npgsql.EnableRetryOnFailure();
                configureNpgsql?.Invoke(npgsql);
            }));
}
