using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;

namespace SevenTaps.AppHost;

/// <summary>
/// Where PostgreSQL and Redis come from: an external server when its connection string is configured
/// (<c>ConnectionStrings__postgres</c>, <c>ConnectionStrings__redis</c>), containers with <c>--containers</c>, and
/// otherwise the machine's own binaries.
/// </summary>
internal static class DataServers
{
    /// <summary>
    /// The <c>seventaps</c> database on whichever server, with its roles and grants: an external server's login must
    /// be able to create roles and hand the database to the owner role (a superuser, or a managed server's admin).
    /// </summary>
    public static IResourceBuilder<ManagedDatabaseResource> AddSevenTapsDatabase(this IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        if (builder.Configuration.GetConnectionString(ResourceNames.Postgres) is { Length: > 0 })
        {
            return builder.AddPostgresDatabase(builder.AddConnectionString(ResourceNames.Postgres), ResourceNames.Database, options.SecretsDirectory);
        }
        if (options.Containers)
        {
            var container = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume("seventaps-postgres");
            return builder.AddPostgresDatabase(container, ResourceNames.Database, options.SecretsDirectory);
        }
        var server = builder.AddLocalPostgres(ResourceNames.Postgres, options.FullDataDirectory, options.SecretsDirectory, options.DurableStorage);
        return builder.AddPostgresDatabase(server, ResourceNames.Database, options.SecretsDirectory);
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddSevenTapsRedis(this IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        if (builder.Configuration.GetConnectionString(ResourceNames.Redis) is { Length: > 0 })
        {
            return builder.AddConnectionString(ResourceNames.Redis);
        }
        if (options.Containers)
        {
            return builder.AddRedis(ResourceNames.Redis)
                .WithDataVolume("seventaps-redis")
                .WithPersistence(TimeSpan.FromSeconds(1));
        }
        return builder.AddLocalRedis(ResourceNames.Redis, options.FullDataDirectory, options.SecretsDirectory, options.DurableStorage);
    }
}
