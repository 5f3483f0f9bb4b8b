using Npgsql;

namespace Agent.Api.Workbench;

/// <summary>
/// The workbench runs in flight, kept where every agent replica sees them: a run's row in <c>agent.workbench_runs</c>
/// is written when it starts (outcome <c>running</c>) and gets the pid of the PostgreSQL backend that runs it. Cancel,
/// on whichever replica it lands, marks the row and calls <c>pg_cancel_backend</c> on that backend, once it has
/// checked the backend still runs this run (its <c>application_name</c> is the run's <see cref="Tag"/> for the
/// transaction: a pooled backend runs other queries afterwards). A cancel that comes before the backend is known is
/// found by the replica running the run when it records the pid. Sent on the agent's own login, a member of the query role: that lets it signal the backends running as that role.
/// </summary>
public sealed class RunningQueries(NpgsqlDataSource database)
{
    /// <summary>The name (<c>application_name</c>) of the backend while it runs the run.</summary>
    public static string Tag(Guid id) => $"seventaps workbench run {id:N}";

    /// <summary>Records the backend running the run; true when a cancel was asked for before it was known.</summary>
    public async Task<bool> StartedOnAsync(Guid id, int pid, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE agent.workbench_runs SET backend_pid = $2 WHERE id = $1 RETURNING cancel_requested_at IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = pid });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Cancels a run of <paramref name="runBy"/> that is running, on any replica; false when there is none.</summary>
    public async Task<bool> CancelAsync(Guid id, string runBy, CancellationToken cancellationToken)
    {
        // Committed before the backend is signalled: the replica running the run reads it when its query stops.
        await using var asking = database.CreateCommand("""
            UPDATE agent.workbench_runs SET cancel_requested_at = now()
            WHERE id = $1 AND run_by = $2 AND outcome = 'running'
            RETURNING coalesce(backend_pid, 0)
            """);
        asking.Parameters.Add(new NpgsqlParameter { Value = id });
        asking.Parameters.Add(new NpgsqlParameter { Value = runBy });
        if (await asking.ExecuteScalarAsync(cancellationToken) is not int pid)
        {
            return false;
        }
        if (pid != 0)
        {
            await using var cancelling = database.CreateCommand("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = $1 AND application_name = $2");
            cancelling.Parameters.Add(new NpgsqlParameter { Value = pid });
            cancelling.Parameters.Add(new NpgsqlParameter { Value = Tag(id) });
            await cancelling.ExecuteScalarAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>Whether someone asked to cancel the run (its query stopped by a cancel, not by the statement timeout).</summary>
    public async Task<bool> CancelRequestedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT cancel_requested_at IS NOT NULL FROM agent.workbench_runs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
