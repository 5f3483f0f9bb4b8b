using System.Collections.Concurrent;
using Npgsql;

namespace Agent.Api.Workbench;

/// <summary>
/// The workbench runs in flight, by run id, with the PostgreSQL backend each runs on, so that Cancel stops the query
/// in the database (<c>pg_cancel_backend</c> on that backend, sent on the agent's owner connection) rather than only
/// abandoning the HTTP request. One agent replica holds them all (see docs/agent.md).
/// </summary>
public sealed class RunningQueries(NpgsqlDataSource owner)
{
    private readonly ConcurrentDictionary<Guid, Running> _runs = new();

    /// <summary>Registers a run; dispose the result when it ends.</summary>
    public Running Start(Guid id, string runBy, CancellationToken requestAborted)
    {
        var running = new Running(this, id, runBy, CancellationTokenSource.CreateLinkedTokenSource(requestAborted));
        return _runs.TryAdd(id, running) ? running : throw new InvalidOperationException($"run {id} is running already");
    }

    /// <summary>Cancels a run of <paramref name="runBy"/>; false when no such run is in flight.</summary>
    public async Task<bool> CancelAsync(Guid id, string runBy, CancellationToken cancellationToken)
    {
        if (!_runs.TryGetValue(id, out var running) || running.RunBy != runBy)
        {
            return false;
        }
        running.Cancelled = true;
        if (running.BackendPid is { } pid)
        {
            await using var command = owner.CreateCommand("SELECT pg_cancel_backend($1)");
            command.Parameters.Add(new NpgsqlParameter { Value = pid });
            await command.ExecuteScalarAsync(cancellationToken);
        }
        else
        {
            // Not connected yet: the token stops it before it reaches the database.
            await running.Source.CancelAsync();
        }
        return true;
    }

    public sealed class Running(RunningQueries owner, Guid id, string runBy, CancellationTokenSource source) : IDisposable
    {
        public string RunBy { get; } = runBy;

        public CancellationTokenSource Source { get; } = source;

        public CancellationToken Token => Source.Token;

        public int? BackendPid { get; set; }

        public bool Cancelled { get; set; }

        public void Dispose()
        {
            owner._runs.TryRemove(id, out _);
            Source.Dispose();
        }
    }
}
