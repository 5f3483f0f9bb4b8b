using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using SevenTaps.AppHost;
using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;

namespace AppHost.Tests;

/// <summary>Development credentials that no service would accept stop AppHost before anything starts.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Theory]
    [InlineData("short", "long-enough-secret", "8 characters")]
    [InlineData("key:with-colon", "long-enough-secret", "':'")]
    [InlineData("long-enough-key", "short", "8 characters")]
    public void An_unusable_xapi_credential_is_refused_by_name(string key, string secret, string reason)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => _ = Model($"--SEVENTAPS_XAPI_KEY={key}", $"--SEVENTAPS_XAPI_SECRET={secret}"));

        Assert.Contains("SEVENTAPS_XAPI_KEY", refused.Message);
        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public void An_unusable_api_key_is_refused_by_name()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => _ = Model("--SEVENTAPS_API_KEY=too-short"));

        Assert.Contains("SEVENTAPS_API_KEY", refused.Message);
    }

    [Fact]
    public void An_unknown_only_name_is_refused_with_the_known_names()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => _ = Model("--only", "ingest"));

        Assert.Contains("'ingest'", refused.Message);
        Assert.Contains("ingest-api", refused.Message);
    }

    [Fact]
    public void A_missing_HTTPS_certificate_is_refused_by_path()
    {
        var missing = Path.Combine(_dataDirectory, "absent-fullchain.pem");

        var refused = Assert.Throws<InvalidOperationException>(() => _ = Model("--https-port", "8443", "--https-certificate", missing));

        Assert.Contains(missing, refused.Message);
    }

    [Fact]
    public async Task Only_a_gateway_on_a_port_below_1024_keeps_the_privilege_to_bind_it()
    {
        var resources = Model("--port", "80", "--https-port", "443").Resources;

        var gateway = await ArgumentsOf(resources.Single(resource => resource.Name == ResourceNames.Gateway));
        var ingest = await ArgumentsOf(resources.Single(resource => resource.Name == ResourceNames.IngestApi));
        var root = Environment.UserName == "root";
        Assert.Equal(root, gateway.Contains("--ambient-caps=+net_bind_service"));
        Assert.DoesNotContain("--ambient-caps=+net_bind_service", ingest);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "certificates", "gateway.key")), "the self-signed certificate is made with the model");
    }

    private static async Task<IReadOnlyList<string>> ArgumentsOf(IResource resource)
    {
        var arguments = new List<object>();
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(new CommandLineArgsCallbackContext(arguments));
        }
        return arguments.OfType<string>().ToList();
    }

    /// <summary>Builds the application model as AppHost's entry point does, without starting anything.</summary>
    private IDistributedApplicationBuilder Model(params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = AppHostOptions.ExpandCommandLine(["--data-dir", _dataDirectory, .. args]),
            AssemblyName = typeof(AppHostOptions).Assembly.GetName().Name,
            DisableDashboard = true,
        });
        return builder.AddSevenTaps();
    }

    /// <summary>No container engine is reachable here, so this mode's model is checked without starting it.</summary>
    [Fact]
    public void Containers_mode_runs_postgres_and_redis_from_images_with_data_volumes_that_the_services_reference()
    {
        var resources = Model("--containers").Resources;

        var postgres = Assert.IsType<PostgresServerResource>(resources.Single(resource => resource.Name == ResourceNames.Postgres));
        // The database on it is created, with its roles, by AppHost as on any other server.
        var database = Assert.IsType<ManagedDatabaseResource>(resources.Single(resource => resource.Name == ResourceNames.Database));
        var redis = Assert.IsType<RedisResource>(resources.Single(resource => resource.Name == ResourceNames.Redis));
        Assert.Same(postgres, database.Server);
        Assert.True(postgres.TryGetContainerImageName(out var postgresImage) && postgresImage.Contains("postgres", StringComparison.Ordinal), postgresImage);
        Assert.True(redis.TryGetContainerImageName(out var redisImage) && redisImage.Contains("redis", StringComparison.Ordinal), redisImage);
        Assert.Contains(postgres.Annotations.OfType<ContainerMountAnnotation>(), mount => mount is { Type: ContainerMountType.Volume, Source: "seventaps-postgres" });
        Assert.Contains(redis.Annotations.OfType<ContainerMountAnnotation>(), mount => mount is { Type: ContainerMountType.Volume, Source: "seventaps-redis" });
        Assert.DoesNotContain(resources, resource => resource is LocalPostgresResource or LocalRedisResource);

        var ingest = resources.Single(resource => resource.Name == ResourceNames.IngestApi);
        var referenced = ingest.Annotations.OfType<ResourceRelationshipAnnotation>().Select(relationship => relationship.Resource).ToList();
        Assert.Contains(database, referenced);
        Assert.Contains(redis, referenced);
        Assert.Contains(ingest.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource == database);
    }

    [Fact]
    public async Task AppHost_says_what_is_wrong_and_exits_with_2()
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, "AppHost.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { appHost, "--port", "0", "--data-dir", _dataDirectory, "--SEVENTAPS_API_KEY=too-short" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("SEVENTAPS_API_KEY cannot be used", error);
    }
}
