namespace SevenTaps.AppHost.Hosting;

/// <summary>The machine's PostgreSQL server programs, and the one-shot commands AppHost runs with them.</summary>
internal static class PostgresBinaries
{
    /// <summary>Debian installs server binaries outside PATH, one directory per major version; take the newest.</summary>
    public static string Find()
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

    /// <summary>
    /// Before each start: the cluster exists (initdb on first start, with the generated superuser password), no
    /// server left running by a killed AppHost holds the data directory, and no process of a dead one is left.
    /// </summary>
    public static async Task PrepareClusterAsync(string binDirectory, string root, LocalPostgresResource server, string password, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        if (Unix.IsRoot)
        {
            if (Unix.FirstUntraversableAncestor(root) is { } blocked)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL runs as the OS user '{LocalPostgresResource.OsUser}' and cannot reach {root}: {blocked} is not traversable. " +
                    "Choose a data directory under a world-traversable path (--data-dir /var/tmp/seventaps) or chmod o+x it.");
            }
            await Unix.ChangeOwnerAsync(root, LocalPostgresResource.OsUser, cancellationToken);
        }
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        if (!File.Exists(Path.Combine(server.DataDirectory, "PG_VERSION")))
        {
            await InitializeClusterAsync(binDirectory, root, server.DataDirectory, password, cancellationToken);
        }
        if (server.LockFileProcessId() is { } leftover && Unix.IsAlive(leftover))
        {
            // Fast shutdown: roll back open transactions, checkpoint, exit. Committed data is already durable.
            await PgCtlAsync(binDirectory, ["-D", server.DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
        }
        await PostgresOrphans.EndAsync(server.DataDirectory, cancellationToken);
    }

    /// <summary>Asks the server binary to check the lz4 settings (<c>postgres -C</c> prints a setting and exits).</summary>
    public static async Task<bool> SupportsLz4Async(string binDirectory, string dataDirectory)
    {
        try
        {
            await Unix.RunAsync(Path.Combine(binDirectory, "postgres"),
                ["-D", dataDirectory, "-C", "default_toast_compression", "-c", "default_toast_compression=lz4", "-c", "wal_compression=lz4"],
                CancellationToken.None, LocalPostgresResource.OsUser);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task InitializeClusterAsync(string binDirectory, string root, string dataDirectory, string password, CancellationToken cancellationToken)
    {
        // initdb reads the superuser password from a file the server's OS user can read; it is deleted right after.
        var passwordFile = Path.Combine(root, ".initdb-password");
        await using (var stream = new FileStream(passwordFile, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(password);
        }
        try
        {
            if (Unix.IsRoot)
            {
                await Unix.ChangeOwnerAsync(passwordFile, LocalPostgresResource.OsUser, cancellationToken);
            }
            await Unix.RunAsync(
                Path.Combine(binDirectory, "initdb"),
                ["-D", dataDirectory, "-U", LocalPostgresResource.Superuser, $"--pwfile={passwordFile}", "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken,
                LocalPostgresResource.OsUser);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static Task PgCtlAsync(string binDirectory, string[] arguments, CancellationToken cancellationToken) =>
        Unix.RunAsync(Path.Combine(binDirectory, "pg_ctl"), arguments, cancellationToken, LocalPostgresResource.OsUser);
}
