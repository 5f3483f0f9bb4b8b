using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;

namespace AppHost.Tests;

/// <summary>Start-up, shutdown and restart of whole applications, each test with its own.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task A_stop_while_a_crashed_service_awaits_its_restart_leaves_nothing_running()
    {
        var app = TestApplication.Create(_dataDirectory, "--only", ResourceNames.IngestApi);
        await app.StartAsync();
        var pids = await app.ProcessIdsAsync();
        var ingest = (await app.ProcessIdAsync(ResourceNames.IngestApi))!.Value;

        SystemProcesses.Kill(ingest);
        // The restart is due a second after the exit: the stop arrives before it.
        await SystemProcesses.WaitUntilAsync(async () => await app.ProcessIdAsync(ResourceNames.IngestApi) is null, TimeSpan.FromSeconds(10), "ingest-api is seen down");
        await app.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.All(pids, pid => Assert.False(TestApplication.IsAlive(pid), $"process {pid} is still running"));
        Assert.Empty(TestApplication.ProcessesMentioning(_dataDirectory));
        // A service started late would carry this data directory in its environment (its HOME lies there).
        Assert.Empty(SystemProcesses.WithEnvironmentMentioning(_dataDirectory));
    }

    [Fact]
    public async Task A_subset_starts_only_what_it_depends_on()
    {
        await using var app = TestApplication.Create(_dataDirectory, "--only", ResourceNames.IngestApi);
        await app.StartAsync();

        // Every service waits for every schema's migrations (a service reads other schemas than its own).
        string[] migrations = [.. new[] { ResourceNames.IngestApi, ResourceNames.NormalizerWorker, ResourceNames.AnalyticsApi, ResourceNames.AgentApi, ResourceNames.DashboardWeb }
            .Select(SevenTaps.AppHost.Hosting.MigrationResource.NameFor)];
        string[] expected = [ResourceNames.Postgres, ResourceNames.Database, ResourceNames.Redis, ResourceNames.IngestApi, .. migrations];
        Assert.Equal(expected.Order(), app.Resources.Select(resource => resource.Name).Order());
    }

    [Fact]
    public async Task PostgreSQL_runs_with_the_write_heavy_settings_and_its_data_survives_a_restart()
    {
        await using (var first = TestApplication.Create(_dataDirectory, "--only", ResourceNames.Database))
        {
            await first.StartAsync();
            Assert.Equal("8GB", await ExecuteAsync(first, "SHOW max_wal_size"));
            Assert.Equal("15min", await ExecuteAsync(first, "SHOW checkpoint_timeout"));
            Assert.Equal("1GB", await ExecuteAsync(first, "SHOW shared_buffers"));
            // Debian's PostgreSQL (the one the install script sets up) is built with lz4.
            Assert.Equal("lz4", await ExecuteAsync(first, "SHOW default_toast_compression"));
            Assert.Equal("lz4", await ExecuteAsync(first, "SHOW wal_compression"));
            await ExecuteAsync(first, "CREATE TABLE survivor (value text); INSERT INTO survivor VALUES ('still here')");
        }

        await using var second = TestApplication.Create(_dataDirectory, "--only", ResourceNames.Database);
        await second.StartAsync();
        Assert.Equal("still here", await ExecuteAsync(second, "SELECT value FROM survivor"));
    }

    [Fact]
    public async Task Secrets_and_the_append_only_file_are_owner_only()
    {
        await using var app = TestApplication.Create(_dataDirectory, "--only", ResourceNames.Redis, "--AppHost:DurableStorage=true");
        await app.StartAsync();

        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(_dataDirectory, "secrets")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dataDirectory, "secrets", "redis.password")));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(_dataDirectory, "redis")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dataDirectory, "redis", "redis.conf")));
        Assert.True(Directory.EnumerateFiles(Path.Combine(_dataDirectory, "redis"), "*.aof", SearchOption.AllDirectories).Any(), "Redis keeps an append-only file");
    }

    [Fact]
    public async Task External_servers_given_by_connection_strings_are_used_instead_of_starting_our_own()
    {
        await using var servers = TestApplication.Create(_dataDirectory, "--only", $"{ResourceNames.Database},{ResourceNames.Redis}");
        await servers.StartAsync();
        var postgres = servers.GetConnectionString(ResourceNames.Postgres);
        var redis = servers.GetConnectionString(ResourceNames.Redis);

        var otherDirectory = TestApplication.NewDataDirectory();
        try
        {
            await using var app = TestApplication.Create(otherDirectory,
                "--only", ResourceNames.IngestApi,
                $"--ConnectionStrings:{ResourceNames.Postgres}={postgres}",
                $"--ConnectionStrings:{ResourceNames.Redis}={redis}");
            await app.StartAsync();

            Assert.DoesNotContain(app.Resources, resource => resource is LocalPostgresResource or LocalRedisResource);
            Assert.False(Directory.Exists(Path.Combine(otherDirectory, "postgres")));
            Assert.False(Directory.Exists(Path.Combine(otherDirectory, "redis")));
            // The database was created on the external server, with its roles, and ingest's schema migrated.
            await using var connection = new NpgsqlConnection(app.GetConnectionString(ResourceNames.Database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM xapi.statements", connection);
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
        finally
        {
            Directory.Delete(otherDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_killed_apphost_leaves_nothing_running_and_the_next_one_starts_on_its_data_directory()
    {
        using var killed = StartAppHostProcess(ResourceNames.Database);
        try
        {
            await SystemProcesses.WaitUntilAsync(() => Task.FromResult(PostmasterOf(_dataDirectory) is not null), TimeSpan.FromSeconds(120), "postgres runs");
            var postmaster = PostmasterOf(_dataDirectory)!.Value;

            killed.Kill(); // SIGKILL: AppHost gets no chance to stop its children
            await killed.WaitForExitAsync();

            // The orchestrator watches AppHost's process and stops what it ran.
            await SystemProcesses.WaitUntilAsync(() => Task.FromResult(!TestApplication.IsAlive(postmaster)), TimeSpan.FromSeconds(60), "the orphaned postgres is stopped");
            Assert.Empty(TestApplication.ProcessesMentioning(_dataDirectory));
        }
        finally
        {
            if (!killed.HasExited)
            {
                killed.Kill(entireProcessTree: true);
            }
        }

        await using var next = TestApplication.Create(_dataDirectory, "--only", ResourceNames.Database);
        await next.StartAsync();
        Assert.Equal(1, await ExecuteAsync(next, "SELECT 1"));
    }

    /// <summary>The postmaster running on this data directory, if any.</summary>
    private static int? PostmasterOf(string dataDirectory) =>
        TestApplication.ProcessesMentioning(Path.Combine(dataDirectory, "postgres", "data")).Cast<int?>().FirstOrDefault();

    /// <summary>AppHost as its own process, as <c>./start.sh</c> runs it.</summary>
    private Process StartAppHostProcess(string only)
    {
        // Output to a file, not a pipe nobody reads (a full pipe would block AppHost's logging).
        var start = new ProcessStartInfo("sh") { ArgumentList = { "-c", "exec dotnet \"$@\" >> \"$0\" 2>&1", Path.Combine(_dataDirectory, "apphost.out") } };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "AppHost.dll"), "--port", "0", "--data-dir", _dataDirectory,
                     "--only", only, "--AppHost:DurableStorage=false", "--AppHost:PrintResourceTable=false" })
        {
            start.ArgumentList.Add(argument);
        }
        // The dashboard's own addresses, which the launch profile gives under dotnet run.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        return Process.Start(start)!;
    }

    private static async Task<object?> ExecuteAsync(TestSystem app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.GetConnectionString(ResourceNames.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
