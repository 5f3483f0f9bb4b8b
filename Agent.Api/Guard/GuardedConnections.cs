using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agent.Api.Guard;

/// <summary>
/// Holds the pool of connections logged in as <see cref="QueryRole"/>, once it has checked that login (retrying while
/// PostgreSQL is unreachable). Healthy once connected.
/// </summary>
public sealed class GuardedConnections(
    IConfiguration configuration, IOptions<GuardOptions> options, IHostEnvironment environment, ILogger<GuardedConnections> logger)
    : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource<NpgsqlDataSource> _dataSource = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<NpgsqlDataSource> DataSourceAsync(CancellationToken cancellationToken) => _dataSource.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DatabaseRoles.QueryConnectionName) ?? throw new InvalidOperationException(
            $"ConnectionStrings:{DatabaseRoles.QueryConnectionName} is not configured: the connection string of the login role {QueryRole.Name}.");
        while (true)
        {
            try
            {
                _dataSource.SetResult(await QueryRole.ConnectAsync(connectionString, options.Value, environment.ApplicationName, stoppingToken));
                logger.LogInformation("Guarded queries run as the login role {Role}", QueryRole.Name);
                return;
            }
            catch (NpgsqlException exception) when (exception.IsTransient)
            {
                logger.LogInformation("The query role cannot log in yet ({Error}); trying again", exception.Message);
            }
            await Task.Delay(RetryInterval, stoppingToken);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_dataSource.Task.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"the login role {QueryRole.Name} has not logged in yet"));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_dataSource.Task.IsCompletedSuccessfully)
        {
            await _dataSource.Task.Result.DisposeAsync();
        }
    }
}
