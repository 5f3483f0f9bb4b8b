namespace SevenTaps.Contracts;

/// <summary>The schemas of the <c>seventaps</c> database, each written by one service.</summary>
public static class DatabaseSchemas
{
    /// <summary>Ingest's statement store, credentials and outbox.</summary>
    public const string Xapi = "xapi";

    /// <summary>The normalizer's derived tables, read by analytics and the agent.</summary>
    public const string Analysis = "analysis";

    /// <summary>The normalizer's own bookkeeping (the reconciliation mark), outside what readers of analysis see.</summary>
    public const string Normalizer = "normalizer";

    /// <summary>Analytics' API key table, read by every service that checks keys.</summary>
    public const string Analytics = "analytics";

    /// <summary>The agent's conversations and workbench.</summary>
    public const string Agent = "agent";

    /// <summary>The audit trail of administrative actions: appended by ingest, the normalizer and analytics, read by analytics.</summary>
    public const string Audit = "audit";

    /// <summary>The dashboard's users (ASP.NET Core Identity).</summary>
    public const string Identity = "identity";
}
