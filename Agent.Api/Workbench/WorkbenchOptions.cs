using System.ComponentModel.DataAnnotations;

namespace Agent.Api.Workbench;

/// <summary>Limits of the SQL workbench (configuration section <c>Agent:Workbench</c>); the guard's own limits apply too.</summary>
public sealed class WorkbenchOptions
{
    public const string SectionName = "Agent:Workbench";

    /// <summary>Rows a CSV export writes at most (the workbench says so next to its Download link).</summary>
    [Range(1, 100_000_000)]
    public int ExportMaxRows { get; set; } = 1_000_000;

    /// <summary>Runs the history lists at most (newest first).</summary>
    [Range(1, 10_000)]
    public int HistoryLimit { get; set; } = 200;

    /// <summary>How often each agent replica looks for runs a stopped replica left "running" (<see cref="AbandonedRuns"/>); also once at start-up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AbandonedRunSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long past the statement timeout a run still "running" without a backend running it counts as abandoned:
    /// room for a live run's wait for a connection, its planning and the recording of its outcome.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(1);
}
