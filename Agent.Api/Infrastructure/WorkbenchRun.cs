namespace Agent.Api.Infrastructure;

/// <summary>
/// One run of the SQL workbench and what became of it (table <c>agent.workbench_runs</c>): the history every analyst
/// sees, and the stored result a share link shows (the rows the guard returned, at most its row cap), never re-run.
/// </summary>
public sealed class WorkbenchRun
{
    public Guid Id { get; set; }

    /// <summary>Who ran it: the signed-in person the dashboard named, else the API key's name.</summary>
    public required string RunBy { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public required string Sql { get; set; }

    /// <summary>The positional parameters as JSON (an array), or null.</summary>
    public string? Parameters { get; set; }

    /// <summary>
    /// <c>running</c> while it runs, then <c>ok</c>, <c>refused</c>, <c>timeout</c>, <c>cancelled</c> or <c>error</c>;
    /// <c>abandoned</c> when the agent running it stopped first (<see cref="Workbench.AbandonedRuns"/>).
    /// </summary>
    public required string Outcome { get; set; }

    /// <summary>The guard's reason when it refused or stopped the query.</summary>
    public string? Message { get; set; }

    public double DurationMs { get; set; }

    public int? RowCount { get; set; }

    public bool Truncated { get; set; }

    /// <summary>The result as JSON (<c>{"columns":[..],"rows":[[..]]}</c>) when it ran.</summary>
    public string? Result { get; set; }

    /// <summary>The PostgreSQL backend running it, once known: any agent replica cancels it there (<see cref="Workbench.RunningQueries"/>).</summary>
    public int? BackendPid { get; set; }

    /// <summary>When someone asked to cancel it.</summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }

    /// <summary>The saved query (and its version) it was run from, if any.</summary>
    public Guid? SavedQueryId { get; set; }
}
