using Agent.Api.Engine.Offline;
using Agent.Api.Guard;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Agent.Api.Engine;

/// <summary>
/// Readies a started agent before it reports healthy, so the first course owner after a start or restart does not
/// wait seconds for what every later question reuses: once the guard's role is provisioned it answers one question
/// with the offline engine (no audit row: nobody asked it), which opens the guarded connection pool, reads and caches the
/// course catalogue and compiles the parser's, the guard's and the answer's code, and it looks up a conversation,
/// which compiles EF Core's queries of the conversation history. A failure is logged and ends the warm-up: it is never
/// a reason to stay down.
/// </summary>
public sealed class ChatWarmUp(GuardedConnections connections, OfflineEngine offline, IServiceScopeFactory scopes, ILogger<ChatWarmUp> logger)
    : BackgroundService, IHealthCheck
{
    /// <summary>Answered from the course totals summary: cheap on any course, and on an empty one.</summary>
    private const string Question = "How many learners are there?";

    private volatile bool _done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await connections.DataSourceAsync(stoppingToken);
            await offline.AnswerAsync(Question, previousIntentJson: null, stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ChatService>().ConversationAsync(Guid.NewGuid().ToString(), userName: null, stoppingToken);
            logger.LogInformation("Seven is warmed up");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Warming Seven up failed; the first question pays for what it did not ready");
        }
        finally
        {
            _done = true;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Seven is warming up"));
}
