using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace SevenTaps.ApiKeys;

/// <summary>
/// The API key table (<c>analytics.api_keys</c>) and its migrations. Analytics.Api applies them at start-up (it owns
/// the <c>analytics</c> schema); every other service reads and writes keys through this context and, started before
/// analytics, finds no table and answers 503 until it exists.
/// </summary>
public sealed class ApiKeyContext(DbContextOptions<ApiKeyContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    /// <summary>The migrations' history lives in the schema they create.</summary>
    public static void ConfigureMigrations(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(MigrationsHistoryTable, ApiKeyConfiguration.Schema);

    /// <summary>Over the service's shared data source (one pool per process).</summary>
    public static void Register(IServiceCollection services) =>
        services.AddDbContext<ApiKeyContext>((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), ConfigureMigrations));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ApiKeyConfiguration.Schema);
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
    }
}
