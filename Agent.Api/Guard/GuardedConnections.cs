using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agent.Api.Guard;

/// <summary>
/// Provisions <see cref="QueryRole"/> once the analysis schema exists (the normalizer creates it; the agent may start
/// first when run on its own) and then holds the pool of connections logged in as it. Healthy once provisioned.
/// </summary>
public sealed class GuardedConnections(
    NpgsqlDataSource owner, IOptions<GuardOptions> options, IHostEnvironment environment, ILogger<GuardedConnections> logger)
    : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource<NpgsqlDataSource> _dataSource = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<NpgsqlDataSource> DataSourceAsync(CancellationToken cancellationToken) => _dataSource.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                _dataSource.SetResult(await QueryRole.ProvisionAsync(owner, options.Value, environment.ApplicationName, stoppingToken));
                logger.LogInformation("Guarded queries run as the login role {Role}", QueryRole.Name);
                return;
            }
            catch (Exception exception) when (exception is PostgresException { SqlState: PostgresErrorCodes.InvalidSchemaName }
                                              or NpgsqlException { IsTransient: true })
            {
                logger.LogInformation("The query role cannot be provisioned yet ({Error}); trying again", exception.Message);
            }
            await Task.Delay(RetryInterval, stoppingToken);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_dataSource.Task.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"the login role {QueryRole.Name} is not provisioned yet"));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_dataSource.Task.IsCompletedSuccessfully)
        {
            await _dataSource.Task.Result.DisposeAsync();
        }
    }
}
