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
    public async Task After_disposal_no_process_of_the_application_remains()
    {
        var app = TestApplication.Create(_dataDirectory);
        await app.StartAsync();
        var pids = TestApplication.ProcessIds(app);
        // Eight resources run processes: six services, Redis and the postmaster.
        Assert.Equal(8, pids.Count);
        Assert.All(pids, pid => Assert.True(TestApplication.IsAlive(pid)));

        await app.DisposeAsync();

        Assert.All(pids, pid => Assert.False(TestApplication.IsAlive(pid), $"process {pid} is still running"));
        Assert.Empty(TestApplication.ProcessesMentioning(_dataDirectory));
    }

    [Fact]
    public async Task A_subset_starts_only_what_it_depends_on()
    {
        await using var app = TestApplication.Create(_dataDirectory, "--only", ResourceNames.IngestApi, "--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317");
        await app.StartAsync();

        string[] expected = [ResourceNames.Postgres, ResourceNames.Database, ResourceNames.Redis, ResourceNames.IngestApi];
        Assert.Equal(expected, app.Model.Resources.Where(resource => resource.State == ResourceState.Running).Select(resource => resource.Name));
        Assert.All(app.Model.Resources.Where(resource => !expected.Contains(resource.Name)),
            resource => Assert.Equal(ResourceState.NotStarted, resource.State));

        var ingest = app.GetResource<ProjectResource>(ResourceNames.IngestApi);
        var environment = TestApplication.EnvironmentOf(ingest.Replicas[0].ProcessId!.Value);
        Assert.Equal("http://127.0.0.1:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    [Fact]
    public async Task PostgreSQL_runs_with_the_write_heavy_settings_and_lz4_where_it_was_built_with_it()
    {
        await using var app = TestApplication.Create(_dataDirectory, "--only", ResourceNames.Database);
        await app.StartAsync();

        Assert.Equal("8GB", await ExecuteAsync(app, "SHOW max_wal_size"));
        Assert.Equal("15min", await ExecuteAsync(app, "SHOW checkpoint_timeout"));
        Assert.Equal("1GB", await ExecuteAsync(app, "SHOW shared_buffers"));
        // Debian's PostgreSQL (the one the install script sets up) is built with lz4.
        Assert.Equal("lz4", await ExecuteAsync(app, "SHOW default_toast_compression"));
        Assert.Equal("lz4", await ExecuteAsync(app, "SHOW wal_compression"));
    }

    [Fact]
    public async Task Data_survives_a_restart_on_the_same_data_directory()
    {
        await using (var first = TestApplication.Create(_dataDirectory, "--only", ResourceNames.Database))
        {
            await first.StartAsync();
            await ExecuteAsync(first, "CREATE TABLE survivor (value text); INSERT INTO survivor VALUES ('still here')");
        }

        await using var second = TestApplication.Create(_dataDirectory, "--only", ResourceNames.Database);
        await second.StartAsync();
        Assert.Equal("still here", await ExecuteAsync(second, "SELECT value FROM survivor"));
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

            Assert.True(app.GetResource<PostgresServerResource>(ResourceNames.Postgres).IsExternal);
            Assert.Null(app.GetResource<PostgresServerResource>(ResourceNames.Postgres).ProcessId);
            Assert.Null(app.GetResource<RedisServerResource>(ResourceNames.Redis).ProcessId);
            Assert.False(Directory.Exists(Path.Combine(otherDirectory, "postgres")));
            Assert.Equal(ResourceHealth.Healthy, app.Model[ResourceNames.IngestApi].Health);
        }
        finally
        {
            Directory.Delete(otherDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_loads_a_generated_course_through_ingest_once_per_data_directory()
    {
        var expected = new SevenTaps.Generator.CourseGenerator(new SevenTaps.Generator.GeneratorOptions { Seed = 7, Learners = 12 }).Statements().Count();

        await using (var first = TestApplication.Create(_dataDirectory, "--demo", "--demo-learners", "12"))
        {
            await first.StartAsync();
            Assert.Equal((long)expected, await ExecuteAsync(first, "SELECT count(*) FROM xapi.statements"));
        }
        // The marker (and the console) report what was sent.
        Assert.StartsWith($"{expected} statements", await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "demo-loaded")));

        await using var second = TestApplication.Create(_dataDirectory, "--demo", "--demo-learners", "12");
        await second.StartAsync();
        Assert.Equal((long)expected, await ExecuteAsync(second, "SELECT count(*) FROM xapi.statements"));
    }

    [Fact]
    public async Task A_killed_apphost_leaves_processes_the_next_one_on_its_data_directory_stops_first()
    {
        var record = Path.Combine(_dataDirectory, "logs", $"{ResourceNames.Redis}.pid");
        var started = new List<int>();
        using var killed = StartAppHostProcess(ResourceNames.Redis);
        using var next = new System.Diagnostics.Process();
        try
        {
            var leftover = await RecordedPidAsync(record, otherThan: null);
            started.Add(leftover);
            killed.Kill(); // SIGKILL: AppHost gets no chance to stop its children
            await killed.WaitForExitAsync();
            Assert.True(TestApplication.IsAlive(leftover), "the redis-server of the killed AppHost should still run: nothing else stops it");

            next.StartInfo = AppHostStartInfo(ResourceNames.Redis);
            next.Start();
            var current = await RecordedPidAsync(record, otherThan: leftover);
            started.Add(current);

            Assert.False(TestApplication.IsAlive(leftover), $"the leftover redis-server {leftover} still runs beside the new one");
            Assert.True(TestApplication.IsAlive(current));
            Assert.True(Unix_SigTerm(next.Id));
            await next.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.False(TestApplication.IsAlive(current));
            Assert.False(File.Exists(record), "a stopped process keeps no record");
        }
        finally
        {
            // Whatever failed, nothing of this test keeps running.
            foreach (var process in new[] { killed, next }.Where(process => process.StartInfo.FileName.Length > 0 && !process.HasExited))
            {
                process.Kill(entireProcessTree: true);
            }
            foreach (var pid in started.Where(TestApplication.IsAlive))
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
        }
    }

    /// <summary>AppHost as its own process, as <c>./start.sh</c> runs it.</summary>
    private System.Diagnostics.Process StartAppHostProcess(string only) => System.Diagnostics.Process.Start(AppHostStartInfo(only))!;

    private System.Diagnostics.ProcessStartInfo AppHostStartInfo(string only)
    {
        // Output to a file, not a pipe nobody reads (a full pipe would block AppHost's logging).
        var start = new System.Diagnostics.ProcessStartInfo("sh") { ArgumentList = { "-c", "exec dotnet \"$@\" >> \"$0\" 2>&1", Path.Combine(_dataDirectory, "apphost.out") } };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "AppHost.dll"), "--port", "0", "--data-dir", _dataDirectory,
                     "--only", only, "--AppHost:DurableStorage=false", "--AppHost:PrintResourceTable=false" })
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static async Task<int> RecordedPidAsync(string record, int? otherThan)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (File.Exists(record) && int.TryParse((await File.ReadAllTextAsync(record)).Split(' ')[0], out var pid) && pid != otherThan && TestApplication.IsAlive(pid))
            {
                return pid;
            }
            Assert.True(DateTime.UtcNow < deadline, $"no running process recorded in {record}");
            await Task.Delay(100);
        }
    }

    private static bool Unix_SigTerm(int pid) => System.Diagnostics.Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit(5000);

    private static async Task<object?> ExecuteAsync(DistributedApplication app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.GetConnectionString(ResourceNames.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
