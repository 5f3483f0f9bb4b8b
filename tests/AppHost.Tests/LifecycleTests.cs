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

    private static async Task<object?> ExecuteAsync(DistributedApplication app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.GetConnectionString(ResourceNames.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
