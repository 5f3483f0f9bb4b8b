using Microsoft.EntityFrameworkCore;
using SevenTaps.ApiKeys;

namespace Analytics.Api.Infrastructure;

/// <summary>
/// Analytics' own schema <c>analytics</c>: the API keys of every service (it owns their table). The analysis tables,
/// and the read-only role analytics reads them through, belong to <c>SevenTaps.Analysis</c>.
/// </summary>
public sealed class AnalyticsContext(DbContextOptions<AnalyticsContext> options) : DbContext(options)
{
    public const string Schema = "analytics";
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
    }
}
