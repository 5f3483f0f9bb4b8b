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
    public static IResourceBuilder<IResourceWithConnectionString> AddSevenTapsDatabase(this IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        if (builder.Configuration.GetConnectionString(ResourceNames.Postgres) is { Length: > 0 })
        {
            return builder.AddPostgresDatabase(builder.AddConnectionString(ResourceNames.Postgres), ResourceNames.Database);
        }
        if (options.Containers)
        {
            return builder.AddPostgres(ResourceNames.Postgres)
                .WithDataVolume("seventaps-postgres")
                .AddDatabase(ResourceNames.Database);
        }
        var server = builder.AddLocalPostgres(ResourceNames.Postgres, options.FullDataDirectory, options.SecretsDirectory, options.DurableStorage);
        return builder.AddPostgresDatabase(server, ResourceNames.Database);
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
