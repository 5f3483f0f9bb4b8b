using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace SevenTaps.ApiKeys;

/// <summary>
/// The API key table as every service sees it. It has no migrations of its own: Analytics.Api's migrations create
/// and change the table, so a service started before analytics finds no table and answers 503 until it exists.
/// </summary>
public sealed class ApiKeyContext(DbContextOptions<ApiKeyContext> options) : DbContext(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    /// <summary>Over the service's shared data source (one pool per process).</summary>
    public static void Register(IServiceCollection services) =>
        services.AddDbContext<ApiKeyContext>((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
}
