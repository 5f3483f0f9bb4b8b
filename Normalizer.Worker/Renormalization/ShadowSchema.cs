using Npgsql;
using SevenTaps.Analysis;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Renormalization;

/// <summary>
/// A schema with exactly the live schema's structure, built from the live schema as it is in the database (not
/// from the EF Core model), so it also holds what other migrations and owners added there (catalogue tables, new
/// columns, generated columns, indexes, privileges).
/// </summary>
/// <remarks>
/// Why clone the catalog rather than run the migrations' SQL against another schema name: the migrations name
/// <c>analysis</c> in their operations and in raw SQL (the search_path, the GIN index), and tables other owners
/// add there are in no migration of ours, so re-running migrations would build a different schema.
/// <c>CREATE TABLE (LIKE ... INCLUDING ALL)</c> copies columns, defaults, generated columns, identity, CHECK and
/// NOT NULL constraints, storage, statistics and comments from the catalog. Indexes are created from
/// <c>pg_get_indexdef</c>/<c>pg_get_constraintdef</c> instead of by <c>LIKE</c>, because <c>LIKE</c> renames them
/// and EF Core's later migrations drop indexes by name; foreign keys, which <c>LIKE</c> never copies, the same way.
/// Objects that cannot be cloned faithfully (views, functions, triggers, types, sequences of serial columns) stop
/// the rebuild before anything changes, rather than being lost when the old generation is dropped.
/// </remarks>
internal sealed class ShadowSchema(string live, string shadow)
{
    public string Live => live;

    public string Name => shadow;

    /// <summary>Drops a shadow schema an interrupted run left, checks the live schema and creates the tables with their keys.</summary>
    public async Task CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var unsupported = await ListAsync(connection, UnsupportedObjectsSql, cancellationToken);
        if (unsupported.Count > 0)
        {
            throw new InvalidOperationException(
                $"Schema {live} holds objects re-normalization cannot copy: {string.Join(", ", unsupported)}. Nothing was changed.");
        }

        var tables = await TablesAsync(connection, cancellationToken);
        // Index-backed constraints and unique indexes now: the upserts of the fill need the keys (a key with a nullable
        // column is a unique index, nulls not distinct). Other indexes and foreign keys later.
        var keys = await ListAsync(connection, $"""
            SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', c.relname, k.conname, pg_get_constraintdef(k.oid))
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE c.relnamespace = '{live}'::regnamespace AND k.contype IN ('p', 'u', 'x')
            UNION ALL
            SELECT replace(pg_get_indexdef(i.indexrelid), ' ON {live}.', ' ON {shadow}.')
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            WHERE c.relnamespace = '{live}'::regnamespace AND i.indisunique
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
            ORDER BY 1
            """, cancellationToken);

        await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {shadow} CASCADE; CREATE SCHEMA {shadow}; SET LOCAL search_path = {shadow}", cancellationToken);
        foreach (var table in tables)
        {
            await ExecuteAsync(connection, $"CREATE TABLE {shadow}.\"{table}\" (LIKE {live}.\"{table}\" INCLUDING ALL EXCLUDING INDEXES)", cancellationToken);
        }
        foreach (var key in keys)
        {
            await ExecuteAsync(connection, key, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>After the bulk fill (cheaper than maintaining them row by row): secondary (not unique) indexes, foreign keys, privileges.</summary>
    public async Task CompleteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // pg_get_indexdef always qualifies the table; pg_get_constraintdef qualifies a referenced table only when the
        // search_path does not find it, so with the live schema alone on the path it names ours without a schema.
        await ExecuteAsync(connection, $"SET LOCAL search_path = {live}", cancellationToken);
        var indexes = await ListAsync(connection, $"""
            SELECT replace(pg_get_indexdef(i.indexrelid), ' ON {live}.', ' ON {shadow}.')
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            WHERE c.relnamespace = '{live}'::regnamespace AND NOT i.indisunique
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
            ORDER BY 1
            """, cancellationToken);
        var foreignKeys = await ListAsync(connection, $"""
            SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', c.relname, k.conname, pg_get_constraintdef(k.oid))
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE c.relnamespace = '{live}'::regnamespace AND k.contype = 'f'
            ORDER BY c.relname, k.conname
            """, cancellationToken);
        var grants = await ListAsync(connection, GrantsSql, cancellationToken);

        await ExecuteAsync(connection, $"SET LOCAL search_path = {shadow}", cancellationToken);
        foreach (var statement in indexes.Concat(foreignKeys).Concat(grants))
        {
            await ExecuteAsync(connection, statement, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Columns, indexes and constraints of the live schema: taken when the clone is made and again at the swap,
    /// so that a migration applied meanwhile stops the swap instead of being undone by it.
    /// </summary>
    public async Task<string> LiveStructureAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await ListAsync(connection, $"""
            SELECT format('%s.%s %s %s %s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attgenerated)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = '{live}'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = '{live}'::regnamespace
            UNION ALL
            SELECT k.conname || ' ' || pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.connamespace = '{live}'::regnamespace
            UNION ALL
            SELECT "MigrationId" FROM {live}.{AnalysisContext.MigrationsHistoryTable}
            ORDER BY 1
            """, cancellationToken)).Aggregate("", (all, line) => all + line + "\n");

    /// <summary>The live schema's tables, referenced before referencing (foreign keys), so rows can be copied in this order.</summary>
    public async Task<IReadOnlyList<string>> TablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = await ListAsync(connection, $"SELECT relname FROM pg_class WHERE relnamespace = '{live}'::regnamespace AND relkind = 'r' ORDER BY relname", cancellationToken);
        var references = (await ListAsync(connection, $"""
            SELECT c.relname || ' ' || r.relname
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
            WHERE k.contype = 'f' AND c.relnamespace = '{live}'::regnamespace AND r.relnamespace = '{live}'::regnamespace AND c.oid <> r.oid
            """, cancellationToken))
            .Select(pair => pair.Split(' '))
            .ToLookup(pair => pair[0], pair => pair[1]);

        var ordered = new List<string>();
        var placed = new HashSet<string>();
        while (ordered.Count < tables.Count)
        {
            var ready = tables.Where(table => !placed.Contains(table) && references[table].All(placed.Contains)).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"The foreign keys of schema {live} form a cycle; re-normalization cannot order its tables.");
            }
            ordered.AddRange(ready);
            placed.UnionWith(ready);
        }
        return ordered;
    }

    /// <summary>Views, functions, triggers, types and non-identity sequences: what LIKE and the index definitions do not carry.</summary>
    private string UnsupportedObjectsSql => $"""
        SELECT format('%s %s', CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
                                             WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table' ELSE 'relation' END, c.relname)
        FROM pg_class c
        WHERE c.relnamespace = '{live}'::regnamespace AND c.relkind NOT IN ('r', 'i')
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i'))
        UNION ALL SELECT 'function ' || p.proname FROM pg_proc p WHERE p.pronamespace = '{live}'::regnamespace
        UNION ALL SELECT 'trigger ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                  WHERE c.relnamespace = '{live}'::regnamespace AND NOT t.tgisinternal
        UNION ALL SELECT 'type ' || t.typname FROM pg_type t WHERE t.typnamespace = '{live}'::regnamespace AND t.typrelid = 0 AND t.typelem = 0
        """;

    /// <summary>
    /// The live schema's privileges, on the schema, its tables, and its default privileges for tables created later:
    /// e.g. the readers' USAGE and SELECT. They belong to the objects, not to the name <c>analysis</c>, so the new
    /// generation needs its own. (The database's search_path names the schema, so it follows the rename by itself.)
    /// Default privileges of a role the re-normalization does not act for (the owner's, for its migrations' tables)
    /// cannot be copied by it: the swap has the owner set them (<see cref="DatabaseRoles.ApplyAnalysisGrants"/>).
    /// </summary>
    private string GrantsSql => $"""
        SELECT format('GRANT %s ON SCHEMA {shadow} TO %s', a.privilege_type, CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END)
        FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = '{live}' AND a.grantee <> n.nspowner
        UNION ALL
        SELECT format('GRANT %s ON TABLE {shadow}.%I TO %s', a.privilege_type, c.relname, CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END)
        FROM pg_class c, aclexplode(c.relacl) a WHERE c.relnamespace = '{live}'::regnamespace AND c.relkind = 'r' AND a.grantee <> c.relowner
        UNION ALL
        SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA {shadow} GRANT %s ON %s TO %s', pg_get_userbyid(d.defaclrole), a.privilege_type,
                      CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES' END,
                      CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END)
        FROM pg_default_acl d, aclexplode(d.defaclacl) a
        WHERE d.defaclnamespace = '{live}'::regnamespace AND d.defaclobjtype IN ('r', 'S', 'f', 'T') AND pg_has_role(d.defaclrole, 'MEMBER')
        """;

    internal static async Task<IReadOnlyList<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
