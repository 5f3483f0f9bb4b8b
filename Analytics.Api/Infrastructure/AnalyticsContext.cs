using Microsoft.EntityFrameworkCore;
using SevenTaps.ApiKeys;

namespace Analytics.Api.Infrastructure;

/// <summary>
/// Analytics' own schema <c>analytics</c>: the API keys of every service (it owns their table), and the read-only role it reads the analysis tables
/// through. The analysis tables themselves belong to the normalizer.
/// </summary>
public sealed class AnalyticsContext(DbContextOptions<AnalyticsContext> options) : DbContext(options)
{
    public const string Schema = "analytics";
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>The role analytics queries run as: SELECT on the analysis schema and nothing else.</summary>
    public const string ReaderRole = "seventaps_analytics_reader";

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
    }
}
