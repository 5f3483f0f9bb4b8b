using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Normalizer.Worker.Streaming;

/// <summary>Unhealthy once the consumer loop has ended: the process still answers HTTP but normalizes nothing.</summary>
internal sealed class ConsumerHealthCheck(ConsumerState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state switch
        {
            { IsRunning: true } => HealthCheckResult.Healthy("Consuming the statement stream."),
            { Failure: not null } => HealthCheckResult.Unhealthy("The consumer loop failed."),
            _ => HealthCheckResult.Unhealthy("The consumer loop is not running."),
        });
}
