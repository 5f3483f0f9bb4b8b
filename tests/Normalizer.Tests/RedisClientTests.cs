using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Tests;

/// <summary>The Redis client every service's host registers (<c>AddServiceRedisClient</c>), against the real Redis.</summary>
[Collection(NormalizerCollection.Name)]
public sealed class RedisClientTests(NormalizerFixture system)
{
    [Fact]
    public async Task The_connection_is_made_while_the_host_starts_before_anything_asks_for_it()
    {
        var clientName = $"redis-client-test-{Guid.NewGuid():N}";
        using var host = Host(clientName, system.App.GetConnectionString(ResourceNames.Redis));
        var options = ConfigurationOptions.Parse(system.App.GetConnectionString(ResourceNames.Redis));
        options.AllowAdmin = true;
        await using var admin = await ConnectionMultiplexer.ConnectAsync(options);
        var server = admin.GetServer(admin.GetEndPoints().Single());
        Assert.DoesNotContain(await server.ClientListAsync(), client => client.Name == clientName);

        await host.StartAsync();

        Assert.Contains(await server.ClientListAsync(), client => client.Name == clientName);
        await host.StopAsync();
    }

    [Fact]
    public async Task With_Redis_unreachable_the_host_starts_and_the_client_keeps_trying()
    {
        using var host = Host($"redis-client-test-{Guid.NewGuid():N}", "127.0.0.1:1,connectTimeout=1000");

        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(host.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected);
        await host.StopAsync();
    }

    private static IHost Host(string applicationName, string connectionString)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = applicationName });
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Redis}"] = connectionString;
        builder.AddServiceRedisClient(ResourceNames.Redis);
        return builder.Build();
    }
}
