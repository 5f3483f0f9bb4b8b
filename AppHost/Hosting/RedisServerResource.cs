using StackExchange.Redis;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// A Redis server AppHost runs from the machine's <c>redis-server</c> (supervised, password-protected,
/// append-only file in the data directory when durable), or an external one given by <c>ConnectionStrings:{name}</c>.
/// </summary>
public sealed class RedisServerResource(string name, string? externalConnectionString) : Resource(name), IResourceWithConnectionString
{
    private SupervisedProcess? _process;
    private ConnectionMultiplexer? _healthClient;
    private string? _connectionString;
    private int _port;

    public bool IsExternal => externalConnectionString is not null;

    public string ConnectionName => Name;

    public int? ProcessId => _process?.ProcessId;

    public override string Endpoint => IsExternal
        ? "external"
        : $"host=127.0.0.1 port={_port} (password in {Path.Combine("secrets", "redis.password")})";

    public string GetConnectionString() =>
        _connectionString ?? throw new InvalidOperationException($"{Name} has not been started.");

    internal override void Prepare(ResourceContext context)
    {
        if (!IsExternal)
        {
            _port = FreePort.Next();
        }
    }

    internal override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        if (externalConnectionString is not null)
        {
            _connectionString = externalConnectionString;
            return;
        }

        var server = FindServer();
        var directory = Path.Combine(context.DataDirectory, "redis");
        Directory.CreateDirectory(directory);
        var password = Secret.ReadOrCreate(context.SecretsDirectory, "redis.password");

        // The password goes in a file only its owner can read, not on the command line where ps shows it.
        var configFile = Path.Combine(directory, "redis.conf");
        await File.WriteAllTextAsync(configFile, string.Join('\n',
            "bind 127.0.0.1",
            $"port {_port}",
            $"requirepass {password}",
            $"dir {directory}",
            "daemonize no",
            "protected-mode yes",
            "save \"\"",
            context.DurableStorage ? "appendonly yes" : "appendonly no",
            "appendfsync everysec",
            "logfile \"\""), cancellationToken);
        File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        _connectionString = $"127.0.0.1:{_port},password={password}";
        _process = new SupervisedProcess(
            Name,
            [server, configFile],
            directory,
            new Dictionary<string, string?>(),
            Path.Combine(context.LogsDirectory, $"{Name}.log"),
            context.CreateLogger(Name),
            SetState);
        _process.Start();
    }

    internal override async Task StopAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        if (_healthClient is not null)
        {
            await _healthClient.DisposeAsync();
            _healthClient = null;
        }
        if (_process is not null)
        {
            await _process.StopAsync(context.StopTimeout);
        }
    }

    internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            return false;
        }
        try
        {
            if (_healthClient is null)
            {
                var options = ConfigurationOptions.Parse(_connectionString);
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 3000;
                _healthClient = await ConnectionMultiplexer.ConnectAsync(options);
            }
            await _healthClient.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
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
