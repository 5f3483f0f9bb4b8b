using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace SevenTaps.Hosting;

/// <summary>
/// Creates the service's Redis multiplexer while the host starts, before the server takes requests. Its factory
/// connects synchronously; created by the first burst of concurrent requests instead, every one of them blocks a
/// thread-pool worker on that creation while the connection's own completion waits for a free worker (on two cores,
/// seconds of nothing). With Redis down it returns after the connect time-out and reconnects in the background.
/// </summary>
internal sealed class RedisConnectionAtStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(() => services.GetRequiredService<IConnectionMultiplexer>(), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
