using Microsoft.Extensions.DependencyInjection;
using SevenTaps.Hosting;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class RedisExtensions
{
    /// <summary>
    /// The service's Redis connection (Aspire.StackExchange.Redis: health check, tracing) from
    /// <c>ConnectionStrings:{connectionName}</c>. It never fails start-up when Redis is down: it reconnects in the
    /// background, and callers decide what a failed call means. The connection is made while the host starts
    /// (<see cref="RedisConnectionAtStart"/>), not by the first requests.
    /// </summary>
    public static void AddServiceRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        builder.AddRedisClient(connectionName, configureOptions: options =>
        {
            options.AbortOnConnectFail = false;
            // While disconnected, commands fail at once instead of queueing: callers have their own fallback
            // (ingest's outbox), and a queued command could run long after its caller gave up on it.
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ClientName ??= builder.Environment.ApplicationName;
        });
        builder.Services.AddHostedService<RedisConnectionAtStart>();
    }
}
