namespace SevenTaps.Contracts;

/// <summary>
/// The PostgreSQL roles of the <c>seventaps</c> database, spelled once for AppHost (which creates them, gives them
/// their passwords and grants) and for the services and tests that name them. What each may do is decided in one
/// place, AppHost's <c>DatabaseAccess</c>.
/// </summary>
public static class DatabaseRoles
{
    /// <summary>Owns the database and every schema but <c>analysis</c>, and applies every migration; no service logs in as it.</summary>
    public const string Owner = "seventaps_owner";

    /// <summary>
    /// Owns schema <c>analysis</c> (no login). The owner is a member, so its migrations change the schema; the
    /// normalizer switches to it for a re-normalization, which builds the next generation as a schema of its own and
    /// swaps it in.
    /// </summary>
    public const string AnalysisOwner = "seventaps_analysis_owner";

    public const string Ingest = "seventaps_ingest";
    public const string Normalizer = "seventaps_normalizer";
    public const string Analytics = "seventaps_analytics";
    public const string Agent = "seventaps_agent";
    public const string Dashboard = "seventaps_dashboard";
    public const string Gateway = "seventaps_gateway";

    /// <summary>Read-only on <c>analysis</c> (no login): analytics' queries switch to it.</summary>
    public const string AnalyticsReader = "seventaps_analytics_reader";

    /// <summary>The login every guarded query of the agent (Seven, the SQL workbench) runs as: reads <c>analysis</c>, nothing else.</summary>
    public const string Query = "seventaps_query";

    /// <summary>
    /// A function (owned by <see cref="Owner"/>, SECURITY DEFINER, executable by <see cref="AnalysisOwner"/>) that
    /// grants on whatever schema is named <c>analysis</c> now exactly what AppHost's <c>DatabaseAccess</c> defines for
    /// it, default privileges of both creators included. AppHost generates and calls it; a re-normalization calls it in
    /// the swap's transaction, so the new generation is readable the moment it is visible.
    /// </summary>
    public const string ApplyAnalysisGrants = DatabaseSchemas.Normalizer + ".apply_analysis_grants";

    /// <summary>The agent's connection string for <see cref="Query"/> (<c>ConnectionStrings__seventaps-query</c>).</summary>
    public const string QueryConnectionName = ResourceNames.Database + "-query";
}
