using HealthChecks.NpgSql;

namespace SevenTaps.AppHost.Hosting;

public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Settings for a server that mostly ingests, all of them durable. With the defaults (max_wal_size 1 GB) a
    /// sustained ingest of a few thousand statements/s forced a checkpoint every 20-25 s, and every page touched
    /// after each one went to the WAL again as a full-page image. Statement ids are random UUIDs, so each insert
    /// touches a random leaf of the primary key: with the default 128 MB of shared buffers, a key of a few million
    /// statements no longer fit and most inserts read a page from the kernel's cache (memory is taken as pages
    /// are used, so a small database costs no more).
    /// </summary>
    private static readonly string[] WriteHeavyTuning =
        ["-c", "max_wal_size=8GB", "-c", "checkpoint_timeout=15min", "-c", "shared_buffers=1GB", "-c", "max_connections=300"];

    /// <summary>
    /// lz4 compresses full-page images and TOASTed values several times faster than the default pglz, which was
    /// 15 % of the server's CPU while ingesting. Only when the server was built with it (Debian's is): a server
    /// refuses to start with a setting it does not know.
    /// </summary>
    private static readonly string[] Lz4Compression = ["-c", "wal_compression=lz4", "-c", "default_toast_compression=lz4"];

    /// <summary>For throwaway test servers only: a crash could then lose acknowledged data.</summary>
    private static readonly string[] NonDurable = ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];

    /// <summary>
    /// PostgreSQL from the machine's binaries, its cluster and generated superuser password kept under
    /// <paramref name="dataDirectory"/>, listening on a loopback port the orchestrator allocates.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, string secretsDirectory, bool durable)
    {
        var binDirectory = PostgresBinaries.Find();
        var root = Path.Combine(dataDirectory, "postgres");
        var password = builder.AddParameter($"{name}-password", Secret.ReadOrCreate(secretsDirectory, $"{name}.password"), secret: true);
        var launch = OsUserLaunch.For(LocalPostgresResource.OsUser, Path.Combine(binDirectory, "postgres"), resetEnvironment: true);
        var server = new LocalPostgresResource(name, launch.Command, Path.Combine(root, "data"), password.Resource);
        var supportsLz4 = new Lazy<Task<bool>>(() => PostgresBinaries.SupportsLz4Async(binDirectory, server.DataDirectory));

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, cancellationToken) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (_, cancellationToken) =>
            await PostgresBinaries.PrepareClusterAsync(binDirectory, root, server, await password.Resource.GetValueAsync(cancellationToken) ?? "", cancellationToken));

        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<PostgresOrphans>(services, server));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new NpgSqlHealthCheck(new NpgSqlHealthCheckOptions((connectionString ?? throw new InvalidOperationException($"{name} has no address yet.")) + ";Database=postgres;Timeout=3")),
            failureStatus: null, tags: null, timeout: TimeSpan.FromSeconds(5)));

        return builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(async context =>
            {
                foreach (var argument in launch.Arguments)
                {
                    context.Args.Add(argument);
                }
                foreach (var argument in (string[])["-D", server.DataDirectory, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", .. WriteHeavyTuning])
                {
                    context.Args.Add(argument);
                }
                context.Args.Add("-p");
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                foreach (var argument in (string[])[.. await supportsLz4.Value ? Lz4Compression : [], .. durable ? [] : NonDurable])
                {
                    context.Args.Add(argument);
                }
            })
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheck);
    }
}
