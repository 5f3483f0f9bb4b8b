using System.Diagnostics;
using System.Net.Http.Headers;
using Npgsql;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Ingest.Tests;

/// <summary>
/// The real ingest-api process with its real PostgreSQL and Redis, started through AppHost's model
/// (<c>--only ingest-api</c>), with a bootstrap credential of scope "all". Tests talk to it over HTTP.
/// </summary>
public sealed class IngestFixture : IAsyncLifetime
{
    public const string Key = "test-admin-key";
    public const string Secret = "test-admin-secret-0123456789";

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    public TestSystem App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string DatabaseConnectionString => App.GetConnectionString(ResourceNames.Database);

    public async Task InitializeAsync()
    {
        App = TestApplication.Create(_dataDirectory, "--only", ResourceNames.IngestApi,
            $"--SEVENTAPS_XAPI_KEY={Key}", $"--SEVENTAPS_XAPI_SECRET={Secret}");
        await App.StartAsync();
        BaseAddress = App.GetEndpoint(ResourceNames.IngestApi);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>A client with Basic credentials and an xAPI version header (null leaves either out).</summary>
    public HttpClient Client(string? key = Key, string? secret = Secret, string? version = "1.0.3")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        }
        if (version is not null)
        {
            client.DefaultRequestHeaders.Add("X-Experience-API-Version", version);
        }
        return client;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        // No pooling: a test may restart PostgreSQL, which would leave pooled connections dead.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(DatabaseConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    /// <summary>The statement ids on the Redis Stream (with their traceparent), in stream order.</summary>
    public async Task<IReadOnlyList<(string Id, string? TraceParent)>> StreamEntriesAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(App.GetConnectionString(ResourceNames.Redis));
        var entries = await redis.GetDatabase().StreamRangeAsync(StatementStream.Key);
        return entries.Select(entry => (
            entry[StatementStream.StatementIdField].ToString(),
            entry[StatementStream.TraceParentField].IsNull ? null : entry[StatementStream.TraceParentField].ToString())).ToList();
    }

    /// <summary>Runs the credentials command of the built Ingest.Api against the test database.</summary>
    public async Task<(int ExitCode, string Output)> RunCredentialsCommandAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(App.Resource<SevenTaps.AppHost.Hosting.ServiceResource>(ResourceNames.IngestApi).EntryAssembly);
        startInfo.ArgumentList.Add("credentials");
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment[$"ConnectionStrings__{ResourceNames.Database}"] = DatabaseConnectionString;
        using var process = Process.Start(startInfo)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    /// <summary>Creates a credential through the command and returns its key and secret.</summary>
    public async Task<(string Key, string Secret)> CreateCredentialAsync(string name, string scopes)
    {
        var (exitCode, output) = await RunCredentialsCommandAsync("create", "--name", name, "--scopes", scopes);
        Assert.True(exitCode == 0, output);
        string Field(string label) => output.Split('\n').Single(line => line.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();
        return (Field("key:"), Field("secret:"));
    }
}

[CollectionDefinition(Name)]
public sealed class IngestCollection : ICollectionFixture<IngestFixture>
{
    public const string Name = "ingest";
}
