using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Redis client registration, in the role Aspire.StackExchange.Redis plays: one multiplexer from
/// <c>ConnectionStrings:{name}</c> and a health check. The multiplexer never fails start-up when Redis is
/// down (abortConnect=false): it reconnects in the background, and callers decide what a failed call means.
/// </summary>
public static class RedisExtensions
{
    public static void AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not configured. AppHost sets ConnectionStrings__{connectionName}; " +
                "when running a service on its own, set it yourself.");
        }

        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        // While disconnected, commands fail at once instead of queueing: callers have their own fallback
        // (ingest's outbox), and a queued command could run long after its caller gave up on it.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= builder.Environment.ApplicationName;

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddRedis(
            services => services.GetRequiredService<IConnectionMultiplexer>(),
            name: connectionName,
            timeout: TimeSpan.FromSeconds(5));
    }
}
