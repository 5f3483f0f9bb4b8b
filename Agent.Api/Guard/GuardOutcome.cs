namespace Agent.Api.Guard;

/// <summary>What the guard ran and returned: columns by name, rows as arrays of values, at most the row cap.</summary>
public sealed record GuardedResult(
    IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, bool Truncated, double EstimatedCost, TimeSpan Duration);

/// <summary>Why the guard refused a statement or stopped it. <see cref="Code"/> is one of <see cref="RefusalCodes"/>.</summary>
public sealed record GuardRefusal(string Code, string Reason);

/// <summary>Either a result or a refusal.</summary>
public sealed record GuardOutcome(GuardedResult? Result, GuardRefusal? Refusal)
{
    public static GuardOutcome Refused(string code, string reason) => new(null, new GuardRefusal(code, reason));
}

public static class RefusalCodes
{
    /// <summary>No SQL, or more than the guard reads.</summary>
    public const string Input = "input";

    /// <summary>PostgreSQL refused it as one read-only query (a syntax error, a second statement, a write, DDL, SELECT INTO...).</summary>
    public const string NotASelect = "not_a_select";

    /// <summary>The plan has a step other than reading (a modification, a row lock, a foreign scan).</summary>
    public const string PlanNode = "plan_node";

    /// <summary>It reads a relation outside the published analysis tables.</summary>
    public const string Relation = "relation";

    /// <summary>It calls a function that is volatile, not PostgreSQL's own, or on the deny list.</summary>
    public const string Function = "function";

    /// <summary>The planner's estimate is above the limit.</summary>
    public const string Cost = "cost";

    /// <summary>It ran longer than the statement timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The login role may not do it.</summary>
    public const string Permission = "permission";

    /// <summary>PostgreSQL reported another error (an unknown column, a division by zero...), with its message.</summary>
    public const string DatabaseError = "database_error";
}
