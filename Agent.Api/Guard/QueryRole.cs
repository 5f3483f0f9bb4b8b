using Npgsql;

namespace Agent.Api.Guard;

/// <summary>
/// The login role every guarded query runs as: it can log in, use schema <c>analysis</c> and SELECT its tables, and
/// nothing else (no membership in any role, no other schema; read-only transactions, bounded time, memory and temporary
/// files as role settings). It is a separate login, not a role a privileged session switches to: a query cannot
/// <c>RESET ROLE</c> its way back to another. AppHost creates it and its password with the database's other roles
/// (AppHost/Hosting/DatabaseAccess.cs) and passes the agent its connection string
/// (<c>ConnectionStrings__seventaps-query</c>); every replica logs in with the same password, which nothing rotates
/// while they run.
/// </summary>
public static class QueryRole
{
    public const string Name = DatabaseRoles.Query;

    /// <summary>
    /// A pool logged in as the query role, after checking that the connection string names that role and nothing
    /// more powerful: guarded SQL must never run as another login by mistake.
    /// </summary>
    public static async Task<NpgsqlDataSource> ConnectAsync(string connectionString, GuardOptions options, string applicationName, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = $"{applicationName} (guarded query)",
            MaxPoolSize = options.MaxConnections,
            // A query may change session state only through settings the guard refuses; the reset on return to the
            // pool (DISCARD ALL) is a second line, so nothing one query did is seen by the next.
            NoResetOnClose = false,
            // The role's settings hold the rest (read-only, search_path, memory); the time limit is the agent's option.
            Options = $"-c statement_timeout={(long)options.StatementTimeout.TotalMilliseconds}",
        };
        var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        try
        {
            await using var command = dataSource.CreateCommand("""
                SELECT current_user = $1 AND NOT r.rolsuper AND NOT r.rolinherit AND NOT EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid)
                FROM pg_roles r WHERE r.rolname = current_user
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = Name });
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:{DatabaseRoles.QueryConnectionName} must log in as {Name}, a role with no memberships: guarded queries run with its privileges.");
            }
            return dataSource;
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }
}
