using System.Text;
using Npgsql;
using SevenTaps.Contracts;
using static SevenTaps.Contracts.DatabaseRoles;
using static SevenTaps.Contracts.DatabaseSchemas;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// Who may do what in the <c>seventaps</c> database: the one place its roles, their memberships and their grants are
/// decided. AppHost applies it with the server's administrative login whenever it prepares the database, before any
/// migration runs; every statement is idempotent, so it also repairs what an operator changed by hand.
/// </summary>
/// <remarks>
/// Grants are per schema: on the tables that exist, and as default privileges for those the owner roles create later
/// (a migration adding a table to a service's schema needs no change here). The owner applies every migration and owns
/// every schema but <c>analysis</c>, which <see cref="AnalysisOwner"/> owns so that a re-normalization can build the
/// next generation as a schema of its own and swap it in without the owner's login. Service logins are NOINHERIT
/// unless they need a membership's privileges directly, never members of an owner (but the normalizer, for
/// re-normalization), and can neither create roles nor databases.
/// </remarks>
internal static class DatabaseAccess
{
    private const string Read = "SELECT";
    private const string Write = "SELECT, INSERT, UPDATE, DELETE";

    /// <summary>Checking API keys: reading the key table and storing a stronger hash of a key that verified against an old one.</summary>
    private const string CheckKeys = "SELECT, UPDATE";

    /// <summary>Checking keys and storing one: the development bootstrap key, the dashboard's own key.</summary>
    private const string StoreKeys = "SELECT, INSERT, UPDATE";

    /// <summary>Appending audit records (their ids are made by the writer: nothing is read back).</summary>
    private const string Append = "INSERT";

    /// <summary>Reading audit records, appending them, and deleting those past the retention (the table's one keeper).</summary>
    private const string KeepAudit = "SELECT, INSERT, DELETE";

    /// <summary>Guarded queries get at most this many connections across the agent's replicas.</summary>
    private const int QueryConnectionLimit = 20;

    /// <summary>Each schema and the role that owns it.</summary>
    public static readonly IReadOnlyDictionary<string, string> SchemaOwners = new Dictionary<string, string>
    {
        [Xapi] = Owner,
        [Analysis] = AnalysisOwner,
        [DatabaseSchemas.Analytics] = Owner,
        [DatabaseSchemas.Agent] = Owner,
        [Identity] = Owner,
        [DatabaseSchemas.Audit] = Owner,
        [DatabaseSchemas.Normalizer] = Owner,
    };

    public static readonly IReadOnlyList<RoleDefinition> Roles =
    [
        // Administers the reader role: the analysis schema's migration that took the role over grants it to its runner.
        new(Owner, Login: true, Inherit: true, MemberOf: [AnalysisOwner], Administers: [AnalyticsReader], Grants: []),
        // A re-normalization reads the statements and replaces every analysis table, including those the owner's
        // migrations created (it locks them for the swap).
        new(AnalysisOwner, Login: false, Inherit: true, MemberOf: [], Administers: [],
            Grants: [new(Xapi, Read), new(Analysis, Write + ", TRUNCATE")]),
        new(AnalyticsReader, Login: false, Inherit: true, MemberOf: [], Administers: [], Grants: [new(Analysis, Read)]),
        new(Query, Login: true, Inherit: false, MemberOf: [], Administers: [], Grants: [new(Analysis, Read)]),
        new(DatabaseRoles.Ingest, Login: true, Inherit: false, MemberOf: [], Administers: [],
            Grants: [new(Xapi, Write), new(DatabaseSchemas.Analytics, CheckKeys), new(DatabaseSchemas.Audit, Append)]),
        new(DatabaseRoles.Normalizer, Login: true, Inherit: false, MemberOf: [AnalysisOwner], Administers: [],
            Grants: [new(Xapi, Read), new(Analysis, Write), new(DatabaseSchemas.Analytics, StoreKeys), new(DatabaseSchemas.Audit, Append),
                new(DatabaseSchemas.Normalizer, Write)]),
        // Its queries switch to the reader role (read-only transactions); its own login writes only the key table, and
        // the audit records: it appends and reads them, and is the one service that deletes those past the retention.
        new(DatabaseRoles.Analytics, Login: true, Inherit: false, MemberOf: [AnalyticsReader], Administers: [],
            Grants: [new(DatabaseSchemas.Analytics, Write), new(DatabaseSchemas.Audit, KeepAudit)]),
        // Inherits the query role's privileges, which lets it cancel a workbench run's backend (running as that role).
        new(DatabaseRoles.Agent, Login: true, Inherit: true, MemberOf: [Query], Administers: [],
            Grants: [new(DatabaseSchemas.Agent, Write), new(DatabaseSchemas.Analytics, StoreKeys)]),
        // Changes to users and roles are audited in their own transaction.
        new(DatabaseRoles.Dashboard, Login: true, Inherit: false, MemberOf: [], Administers: [],
            Grants: [new(Identity, Write), new(DatabaseSchemas.Analytics, StoreKeys), new(DatabaseSchemas.Audit, Append)]),
        new(DatabaseRoles.Gateway, Login: true, Inherit: false, MemberOf: [], Administers: [],
            Grants: [new(DatabaseSchemas.Analytics, CheckKeys)]),
    ];

    /// <summary>The roles that log in: AppHost generates a password for each.</summary>
    public static IEnumerable<string> Logins => Roles.Where(role => role.Login).Select(role => role.Name);

    /// <summary>
    /// Creates or corrects every role (with <paramref name="passwordOf"/> its password), makes the owner own the
    /// database and the schemas (created when missing, so default privileges can name them before the migrations
    /// create their tables), hands the owner what an earlier version left to the administrative login, and grants.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, Func<string, string> passwordOf, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var superuser = new NpgsqlCommand("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", connection, transaction);
        var isSuperuser = await superuser.ExecuteScalarAsync(cancellationToken) is true;
        await ExecuteAsync(connection, transaction, RolesSql(passwordOf, isSuperuser), cancellationToken);
        await ExecuteAsync(connection, transaction, MembershipsSql(isSuperuser), cancellationToken);
        await ExecuteAsync(connection, transaction, DatabaseSql(connection.Database), cancellationToken);
        await ExecuteAsync(connection, transaction, GrantsSql(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// New roles have none of the superuser, replication and RLS-bypass attributes; only a superuser may state that
    /// again for existing ones (a managed server's admin could not have given them anyway).
    /// </summary>
    private static string RolesSql(Func<string, string> passwordOf, bool isSuperuser)
    {
        var sql = new StringBuilder();
        foreach (var role in Roles)
        {
            sql.AppendLine($"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role.Name}') THEN CREATE ROLE {role.Name}; END IF; END $$;");
            var login = role.Login ? $"LOGIN PASSWORD '{ScramVerifier.For(passwordOf(role.Name))}'" : "NOLOGIN";
            var limit = role.Name == Query ? QueryConnectionLimit : -1;
            var superuserOnly = isSuperuser ? "NOSUPERUSER NOREPLICATION NOBYPASSRLS" : "";
            sql.AppendLine($"ALTER ROLE {role.Name} {login} {(role.Inherit ? "INHERIT" : "NOINHERIT")} NOCREATEDB NOCREATEROLE {superuserOnly} CONNECTION LIMIT {limit};");
        }
        // Guarded queries: read-only, bounded, and resolving unqualified names in the analysis schema. The agent sets
        // its own statement timeout on its connections; this one holds for any other session of the role.
        foreach (var setting in new[] { "default_transaction_read_only = on", "statement_timeout = 30000", "idle_in_transaction_session_timeout = 60000",
                     $"search_path = {Analysis}", "work_mem = '64MB'", "temp_file_limit = '1GB'" })
        {
            sql.AppendLine($"ALTER ROLE {Query} SET {setting};");
        }
        return sql.ToString();
    }

    /// <summary>Exactly the memberships defined: whatever an earlier version or an operator granted beyond them is taken back.</summary>
    private static string MembershipsSql(bool isSuperuser)
    {
        var sql = new StringBuilder();
        if (!isSuperuser)
        {
            // An administrative login that is not a superuser (a managed server's admin) acts for the owner roles
            // below (default privileges, ownership) as their member; with CREATEROLE it may grant itself that.
            sql.AppendLine($"GRANT {Owner}, {AnalysisOwner} TO CURRENT_USER;");
        }
        foreach (var role in Roles)
        {
            var expected = "'{" + string.Join(",", role.MemberOf.Concat(role.Administers)) + "}'::name[]";
            sql.AppendLine($"""
                DO $$ DECLARE revoking text; BEGIN
                    SELECT string_agg(format('REVOKE %I FROM {role.Name}', r.rolname), '; ') INTO revoking
                    FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                    WHERE m.member = '{role.Name}'::regrole AND r.rolname <> ALL ({expected});
                    IF revoking IS NOT NULL THEN EXECUTE revoking; END IF;
                END $$;
                """);
            foreach (var group in role.MemberOf)
            {
                sql.AppendLine($"GRANT {group} TO {role.Name};");
            }
            foreach (var group in role.Administers)
            {
                sql.AppendLine($"GRANT {group} TO {role.Name} WITH ADMIN OPTION;");
            }
        }
        return sql.ToString();
    }

    private static string DatabaseSql(string database)
    {
        var quoted = $"\"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        var sql = new StringBuilder($"""
            ALTER DATABASE {quoted} OWNER TO {Owner};
            REVOKE ALL ON DATABASE {quoted} FROM PUBLIC;
            GRANT CONNECT ON DATABASE {quoted} TO {string.Join(", ", Logins)};
            GRANT CONNECT, CREATE, TEMPORARY ON DATABASE {quoted} TO {AnalysisOwner};

            """);
        foreach (var (schema, owner) in SchemaOwners)
        {
            // Objects an earlier version created as the administrative login go to the owner; tables a
            // re-normalization created stay the analysis owner's.
            sql.AppendLine($"""
                CREATE SCHEMA IF NOT EXISTS {schema} AUTHORIZATION {owner};
                ALTER SCHEMA {schema} OWNER TO {owner};
                DO $$ DECLARE item record; BEGIN
                    FOR item IN
                        SELECT format('ALTER %s %s OWNER TO {Owner}', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                      WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.oid::regclass) AS statement
                        FROM pg_class c
                        WHERE c.relnamespace = '{schema}'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                          AND pg_get_userbyid(c.relowner) NOT IN ('{Owner}', '{AnalysisOwner}')
                          -- A sequence that belongs to a column changes owner with its table.
                          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
                        UNION ALL
                        SELECT format('ALTER ROUTINE %s OWNER TO {Owner}', p.oid::regprocedure)
                        FROM pg_proc p WHERE p.pronamespace = '{schema}'::regnamespace AND pg_get_userbyid(p.proowner) NOT IN ('{Owner}', '{AnalysisOwner}')
                    LOOP
                        EXECUTE item.statement;
                    END LOOP;
                END $$;
                """);
        }
        return sql.ToString();
    }

    /// <summary>Every schema's grants; those on <c>analysis</c> through <see cref="ApplyAnalysisGrants"/>, which a re-normalization calls too.</summary>
    private static string GrantsSql() => SchemaGrantsSql(schema => schema != Analysis) + AnalysisGrantsFunctionSql();

    /// <summary>
    /// The grants on <c>analysis</c> as a function the owner runs (SECURITY DEFINER): default privileges are per
    /// schema (its oid, not its name) and per creating role, so a re-normalization's new generation has none of the
    /// owner's, and the re-normalization, acting as the analysis owner, may not set the owner's. Calling this in its
    /// swap sets them, from this one definition. It only ever grants what is defined here, on the schema named
    /// <c>analysis</c>, which only the analysis owner can rename or create.
    /// </summary>
    private static string AnalysisGrantsFunctionSql() => $"""
        CREATE OR REPLACE FUNCTION {ApplyAnalysisGrants}() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $grants$
        BEGIN
        {SchemaGrantsSql(schema => schema == Analysis)}
        END $grants$;
        ALTER FUNCTION {ApplyAnalysisGrants}() OWNER TO {Owner};
        REVOKE ALL ON FUNCTION {ApplyAnalysisGrants}() FROM PUBLIC;
        GRANT USAGE ON SCHEMA {DatabaseSchemas.Normalizer} TO {AnalysisOwner};
        GRANT EXECUTE ON FUNCTION {ApplyAnalysisGrants}() TO {AnalysisOwner};
        SELECT {ApplyAnalysisGrants}();

        """;

    private static string SchemaGrantsSql(Func<string, bool> includes)
    {
        var sql = new StringBuilder();
        foreach (var role in Roles)
        {
            foreach (var grant in role.Grants.Where(grant => includes(grant.Schema)))
            {
                sql.AppendLine($"GRANT USAGE ON SCHEMA {grant.Schema} TO {role.Name};");
                sql.AppendLine($"GRANT {grant.Privileges} ON ALL TABLES IN SCHEMA {grant.Schema} TO {role.Name};");
                if (grant.Writes)
                {
                    sql.AppendLine($"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {grant.Schema} TO {role.Name};");
                }
                // Tables are created by the owner's migrations and, in analysis, by a re-normalization.
                foreach (var creator in grant.Schema == Analysis ? [Owner, AnalysisOwner] : new[] { Owner })
                {
                    if (creator == role.Name)
                    {
                        continue;
                    }
                    sql.AppendLine($"ALTER DEFAULT PRIVILEGES FOR ROLE {creator} IN SCHEMA {grant.Schema} GRANT {grant.Privileges} ON TABLES TO {role.Name};");
                    if (grant.Writes)
                    {
                        sql.AppendLine($"ALTER DEFAULT PRIVILEGES FOR ROLE {creator} IN SCHEMA {grant.Schema} GRANT USAGE ON SEQUENCES TO {role.Name};");
                    }
                }
            }
        }
        return sql.ToString();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The tables (all of a schema's) a role may use, and how; a role that inserts also uses the schema's sequences.</summary>
    internal sealed record SchemaGrant(string Schema, string Privileges)
    {
        public bool Writes => Privileges.Contains("INSERT", StringComparison.Ordinal);
    }

    internal sealed record RoleDefinition(
        string Name, bool Login, bool Inherit, IReadOnlyList<string> MemberOf, IReadOnlyList<string> Administers, IReadOnlyList<SchemaGrant> Grants);
}
