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
}
