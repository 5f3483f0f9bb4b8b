using HealthChecks.Redis;

namespace SevenTaps.AppHost.Hosting;

public static class LocalRedisBuilderExtensions
{
    /// <summary>The OS user Redis runs as when AppHost is root.</summary>
    public const string OsUser = "redis";

    /// <summary>
    /// Redis from the machine's <c>redis-server</c>, on a loopback port the orchestrator allocates, with a generated
    /// password and (when durable) an append-only file synced every second under <paramref name="dataDirectory"/>.
    /// </summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, string secretsDirectory, bool durable)
    {
        var password = builder.AddParameter($"{name}-password", Secret.ReadOrCreate(secretsDirectory, $"{name}.password"), secret: true);
        var launch = OsUserLaunch.For(OsUser, FindServer(), resetEnvironment: true);
        var redis = new LocalRedisResource(name, launch.Command, Path.Combine(dataDirectory, "redis"), password.Resource);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, cancellationToken) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(cancellationToken));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, cancellationToken) =>
            await WriteConfigurationAsync(redis, await password.Resource.GetValueAsync(cancellationToken) ?? "", durable, cancellationToken));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new RedisHealthCheck(connectionString ?? throw new InvalidOperationException($"{name} has no address yet.")),
            failureStatus: null, tags: null, timeout: TimeSpan.FromSeconds(5)));

        return builder.AddResource(redis)
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                foreach (var argument in launch.Arguments)
                {
                    context.Args.Add(argument);
                }
                context.Args.Add(redis.ConfigurationFile);
                // The port is the orchestrator's to choose, so it is given on the command line (which overrides the file).
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Memory")
            .WithHealthCheck(healthCheck);
    }

    private static async Task WriteConfigurationAsync(LocalRedisResource redis, string password, bool durable, CancellationToken cancellationToken)
    {
        // Owner-only from the first byte: the directory holds the append-only file, the file holds the password.
        System.IO.Directory.CreateDirectory(redis.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = string.Join('\n',
            "bind 127.0.0.1",
            $"requirepass {password}",
            $"dir {redis.Directory}",
            "daemonize no",
            "protected-mode yes",
            "save \"\"",
            durable ? "appendonly yes" : "appendonly no",
            "appendfsync everysec",
            "logfile \"\"",
            "");
        await using (var stream = new FileStream(redis.ConfigurationFile, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(settings);
        }
        if (Unix.IsRoot)
        {
            await Unix.ChangeOwnerAsync(redis.Directory, OsUser, cancellationToken);
        }
    }

    private static string FindServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "redis-server was not found. Run ./scripts/install-prerequisites.sh or give an external server with ConnectionStrings__redis.");
}
