using System.Text.Json;
using Agent.Api.Guard;
using Agent.Api.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SevenTaps.ApiKeys;

namespace Agent.Api.Engine;

/// <summary>
/// Readies a started agent before it reports healthy, so the first course owner after a start or restart does not
/// wait for what every later question reuses. Once the guard's role is provisioned it takes one chat turn the way
/// <c>POST /chat</c> does (<see cref="ChatService"/>: the conversation lookup, the offline engine, the audit row's
/// insert, the answer serialized as the endpoint writes it) inside a transaction it rolls back, so nobody's audit trail
/// holds a question nobody asked. That opens both connection pools, reads and caches the course catalogue and compiles
/// the parser's, the guard's, the answer's and EF Core's query and update code. It also looks up a key nobody holds,
/// which compiles the key table's query (what authenticates the first request). What it cannot do is verify the key
/// the first request presents: that PBKDF2 check (<c>SecretHasher</c>) is paid once per key and process.
/// A failure is logged and ends the warm-up: it is never a reason to stay down.
/// </summary>
public sealed class ChatWarmUp(
    GuardedConnections connections, ApiKeyStore keys, IOptions<JsonOptions> json, IServiceScopeFactory scopes, ILogger<ChatWarmUp> logger)
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
            await AskUnrecordedAsync(stoppingToken);
            await keys.FindAsync(ApiKeyStore.KeyPrefix + Guid.NewGuid().ToString("N"), stoppingToken);
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

    /// <summary>One chat turn as the endpoint takes it, its audit row rolled back.</summary>
    private async Task AskUnrecordedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentContext>();
        var chat = scope.ServiceProvider.GetRequiredService<ChatService>();
        // The context retries on transient failures: a transaction of our own runs inside its strategy.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var answer = await chat.AskAsync(Question, conversationId: null, userName: null, cancellationToken);
            JsonSerializer.Serialize(answer, json.Value.SerializerOptions);
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
        });
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Seven is warming up"));
}
