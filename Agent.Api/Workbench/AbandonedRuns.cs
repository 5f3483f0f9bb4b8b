using Agent.Api.Guard;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agent.Api.Workbench;

/// <summary>
/// Closes the workbench runs an agent replica left "running" when it died: a live replica records every run's outcome,
/// but one that is killed mid-run never does, and its runs would stay "running" in everyone's history for ever. At
/// start-up and then every <see cref="WorkbenchOptions.AbandonedRunSweepInterval"/>, any replica marks as
/// <c>abandoned</c> the runs still "running" that started longer ago than the statement timeout and
/// <see cref="WorkbenchOptions.AbandonedAfter"/> more (a live run has ended by then), unless their backend still runs
/// them (its pid in <c>pg_stat_activity</c> under the run's <see cref="RunningQueries.Tag"/>). Replicas sweeping at
/// once mark each run once: the update is the check. Times are PostgreSQL's own, so replicas' clocks do not matter.
/// </summary>
public sealed class AbandonedRuns(
    NpgsqlDataSource owner, IOptions<WorkbenchOptions> workbench, IOptions<GuardOptions> guard, TimeProvider time, ILogger<AbandonedRuns> logger)
    : BackgroundService
{
    public const string Outcome = "abandoned";

    public const string Message = "Abandoned: the agent that ran it stopped before it finished. Run it again.";

    /// <summary>Marks the abandoned runs; returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken)
    {
        // The tag is RunningQueries.Tag: the run's id as 32 lower-case hex digits ("N").
        await using var command = owner.CreateCommand("""
            UPDATE agent.workbench_runs r SET outcome = $2, message = $3
            WHERE r.outcome = 'running' AND r.started_at < now() - $1
              AND NOT EXISTS (
                  SELECT 1 FROM pg_stat_activity a
                  WHERE a.pid = r.backend_pid AND a.application_name = 'seventaps workbench run ' || replace(r.id::text, '-', ''))
            RETURNING r.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = guard.Value.StatementTimeout + workbench.Value.AbandonedAfter });
        command.Parameters.Add(new NpgsqlParameter { Value = Outcome });
        command.Parameters.Add(new NpgsqlParameter { Value = Message });
        var ids = new List<Guid>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            ids.Add(rows.GetGuid(0));
        }
        return ids;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(workbench.Value.AbandonedRunSweepInterval, time);
        do
        {
            try
            {
                if (await SweepAsync(stoppingToken) is { Count: > 0 } abandoned)
                {
                    logger.LogWarning("Workbench runs abandoned by a stopped agent marked {Outcome}: {Runs}", Outcome, string.Join(", ", abandoned));
                }
            }
            catch (Exception exception) when (exception is NpgsqlException && !stoppingToken.IsCancellationRequested)
            {
                // The database is away for a moment: the next sweep tries again.
                logger.LogWarning(exception, "Could not look for abandoned workbench runs");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
