namespace Agent.Api.Guard;

/// <summary>
/// Functions refused by name, on top of the catalogue check (volatile or not PostgreSQL's own): stable or immutable
/// functions that still reach outside the query's data (server files and settings, other sessions, locks, large
/// objects, XML dumps of whole tables, replication, privileges' introspection) or run SQL given as text.
/// </summary>
public static class FunctionPolicy
{
    private static readonly string[] DeniedPrefixes =
        ["pg_", "lo_", "dblink", "txid_", "query_to_", "table_to_", "cursor_to_", "schema_to_", "database_to_", "has_", "binary_upgrade_"];

    private static readonly HashSet<string> DeniedNames = new(StringComparer.Ordinal)
    {
        "set_config", "current_setting", "version", "inet_server_addr", "inet_server_port", "inet_client_addr", "inet_client_port",
        "current_schemas", "session_user", "xmlexists", "xpath", "xpath_exists", "ts_stat", "row_security_active",
        "nextval", "currval", "setval", "lastval", "to_regclass", "to_regproc", "to_regprocedure", "to_regrole", "to_regnamespace",
    };

    public static bool IsDenied(string name) =>
        DeniedNames.Contains(name) || DeniedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
