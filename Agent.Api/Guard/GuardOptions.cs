using System.ComponentModel.DataAnnotations;

namespace Agent.Api.Guard;

/// <summary>Limits of the SQL guard (configuration section <c>Agent:Guard</c>).</summary>
public sealed class GuardOptions
{
    public const string SectionName = "Agent:Guard";

    /// <summary>Rows returned at most; one more is fetched to tell that the answer was truncated.</summary>
    [Range(1, 100_000)]
    public int MaxRows { get; set; } = 1_000;

    /// <summary>Longest SQL text accepted (characters).</summary>
    [Range(1, 1_000_000)]
    public int MaxSqlLength { get; set; } = 20_000;

    /// <summary>Largest planner estimate (PostgreSQL's cost units) accepted before anything runs.</summary>
    [Range(1, double.MaxValue)]
    public double MaxCost { get; set; } = 5_000_000;

    /// <summary>statement_timeout of each statement the guard sends.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections the guard's pool opens at most (the login role's connection limit is set from it).</summary>
    [Range(1, 100)]
    public int MaxConnections { get; set; } = 10;
}
