using Npgsql;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// A PostgreSQL server: either one AppHost runs from the machine's binaries (initdb on first run, then
/// pg_ctl start; as root the server runs as the <c>postgres</c> OS user, as PostgreSQL requires), or an
/// external one given by <c>ConnectionStrings:{name}</c>, in which case nothing is started.
/// </summary>
public sealed class PostgresServerResource(string name, string? externalConnectionString) : Resource(name), IResourceWithConnectionString
{
    private const string OsUser = "postgres";
    private const string Superuser = "postgres";

    private string? _connectionString;
    private string? _dataDirectory;
    private string? _binDirectory;
    private int _port;

    /// <summary>
    /// Settings for a server that mostly ingests, all of them durable. With the defaults (max_wal_size 1 GB) a
    /// sustained ingest of a few thousand statements/s forced a checkpoint every 20-25 s, and every page touched
    /// after each one went to the WAL again as a full-page image. Statement ids are random UUIDs, so each insert
    /// touches a random leaf of the primary key: with the default 128 MB of shared buffers, a key of a few million
    /// statements no longer fit and most inserts read a page from the kernel's cache (memory is taken as pages
    /// are used, so a small database costs no more).
    /// </summary>
    private const string WriteHeavyTuning = "-c max_wal_size=8GB -c checkpoint_timeout=15min -c shared_buffers=1GB";

    /// <summary>
    /// lz4 compresses full-page images and TOASTed values several times faster than the default pglz, which was
    /// 15 % of the server's CPU while ingesting. Only when the server was built with it (Debian's is): a server
    /// refuses to start with a setting it does not know.
    /// </summary>
    private const string Lz4Compression = "-c wal_compression=lz4 -c default_toast_compression=lz4";

    public bool IsExternal => externalConnectionString is not null;

    public string ConnectionName => Name;

    public override string Endpoint => IsExternal
        ? $"external: {new NpgsqlConnectionStringBuilder(externalConnectionString) { Password = null }.ConnectionString}"
        : $"host=127.0.0.1 port={_port} user={Superuser} (password in {PasswordFile})";

    public string? PasswordFile { get; private set; }

    public string GetConnectionString() =>
        _connectionString ?? throw new InvalidOperationException($"{Name} has not been started.");

    internal PostgresDatabaseResource AddDatabase(string databaseName) => new(databaseName, this);

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

        _binDirectory = FindBinDirectory();
        var root = Path.Combine(context.DataDirectory, "postgres");
        _dataDirectory = Path.Combine(root, "data");
        var logFile = Path.Combine(root, "postgres.log");
        PasswordFile = Path.Combine(context.SecretsDirectory, "postgres.password");
        var password = Secret.ReadOrCreate(context.SecretsDirectory, "postgres.password");

        Directory.CreateDirectory(root);
        if (Unix.IsRoot)
        {
            if (Unix.FirstUntraversableAncestor(root) is { } blocked)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL runs as the OS user '{OsUser}' and cannot reach {root}: {blocked} is not traversable. " +
                    "Choose a data directory under a world-traversable path (--data-dir /var/tmp/seventaps) or chmod o+x it.");
            }
            await Unix.ChangeOwnerAsync(root, OsUser, cancellationToken);
        }

        if (!File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            await InitializeClusterAsync(root, password, cancellationToken);
        }
        await StopLeftoverServerAsync(cancellationToken);

        var serverOptions = $"-c listen_addresses=127.0.0.1 -p {_port} -c unix_socket_directories='' -c max_connections=300 {WriteHeavyTuning}";
        if (await SupportsLz4Async(cancellationToken))
        {
            serverOptions += $" {Lz4Compression}";
        }
        if (!context.DurableStorage)
        {
            serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }
        await PgCtlAsync(["-D", _dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", serverOptions, "start"], cancellationToken);

        _connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = Superuser,
            Password = password,
        }.ConnectionString;
    }

    internal override async Task StopAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        if (IsExternal || _dataDirectory is null || !IsServerRunning())
        {
            return;
        }
        // Fast shutdown: roll back open transactions, checkpoint, exit. Committed data is already durable.
        await PgCtlAsync(["-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
    }

    internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            return false;
        }
        return await CanQueryAsync(_connectionString, cancellationToken);
    }

    internal static async Task<bool> CanQueryAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task InitializeClusterAsync(string root, string password, CancellationToken cancellationToken)
    {
        // initdb reads the superuser password from a file the server's OS user can read; it is deleted right after.
        var passwordFile = Path.Combine(root, ".initdb-password");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            if (Unix.IsRoot)
            {
                await Unix.ChangeOwnerAsync(passwordFile, OsUser, cancellationToken);
            }
            await Unix.RunAsync(
                Path.Combine(_binDirectory!, "initdb"),
                ["-D", _dataDirectory!, "-U", Superuser, $"--pwfile={passwordFile}", "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken,
                OsUser);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>A server left running by an AppHost that was killed would hold the data directory: stop it first.</summary>
    private async Task StopLeftoverServerAsync(CancellationToken cancellationToken)
    {
        if (IsServerRunning())
        {
            await PgCtlAsync(["-D", _dataDirectory!, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
        }
    }

    private bool IsServerRunning() => ProcessId is { } pid && Unix.IsAlive(pid);

    /// <summary>The postmaster's PID, from its lock file (pg_ctl detaches it, so it is not our child).</summary>
    public int? ProcessId
    {
        get
        {
            var pidFile = _dataDirectory is null ? null : Path.Combine(_dataDirectory, "postmaster.pid");
            return pidFile is not null && File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
                ? pid
                : null;
        }
    }

    /// <summary>Asks the server binary to check the lz4 settings (<c>postgres -C</c> prints a setting and exits).</summary>
    private async Task<bool> SupportsLz4Async(CancellationToken cancellationToken)
    {
        try
        {
            await Unix.RunAsync(Path.Combine(_binDirectory!, "postgres"),
                ["-D", _dataDirectory!, "-C", "default_toast_compression", "-c", "default_toast_compression=lz4", "-c", "wal_compression=lz4"],
                cancellationToken, OsUser);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private Task PgCtlAsync(string[] arguments, CancellationToken cancellationToken) =>
        Unix.RunAsync(Path.Combine(_binDirectory!, "pg_ctl"), arguments, cancellationToken, OsUser);

    /// <summary>Debian installs server binaries outside PATH, one directory per major version; take the newest.</summary>
    private static string FindBinDirectory()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(directory => Path.Combine(directory, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(directory => File.Exists(Path.Combine(directory, "pg_ctl")) && File.Exists(Path.Combine(directory, "initdb")));
        return debian ?? onPath ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Run ./scripts/install-prerequisites.sh " +
            "or give an external server with ConnectionStrings__postgres.");
    }
}
