using Npgsql;

namespace Normalizer.Worker.Processing;

/// <summary>
/// SQL for a table of merged rows (users, lessons, questions): the key, descriptive columns, and first/last seen
/// with their statement ids.
/// </summary>
internal sealed class DimensionTable<TData>
{
    private readonly string _table;
    private readonly string _key;
    private readonly IReadOnlyList<Column<DimensionRow<TData>>> _columns;
    private readonly string _upsert;
    private readonly string _overwrite;

    public DimensionTable(string table, string key, IReadOnlyList<Column<DimensionRow<TData>>> descriptive)
    {
        _table = $"{Infrastructure.NormalizerContext.Schema}.{table}";
        _key = key;
        _columns =
        [
            Column.Text<DimensionRow<TData>>(key, row => row.Key),
            .. descriptive,
            Column.Time<DimensionRow<TData>>("first_seen", row => row.First.At),
            Column.Uuid<DimensionRow<TData>>("first_statement_id", row => row.First.StatementId),
            Column.Time<DimensionRow<TData>>("last_seen", row => row.Last.At),
            Column.Uuid<DimensionRow<TData>>("statement_id", row => row.Last.StatementId),
        ];

        var names = string.Join(", ", _columns.Select(column => column.Name));
        var unnest = $"unnest({string.Join(", ", _columns.Select((column, index) => $"${index + 1}::{column.Type}[]"))}) AS v({names})";
        const string newer = "(excluded.last_seen, excluded.statement_id) > (t.last_seen, t.statement_id)";
        const string older = "(excluded.first_seen, excluded.first_statement_id) < (t.first_seen, t.first_statement_id)";
        var fromLatest = descriptive.Select(column => column.Name).Concat(["last_seen", "statement_id"])
            .Select(name => $"{name} = CASE WHEN {newer} THEN excluded.{name} ELSE t.{name} END");
        var fromEarliest = new[] { "first_seen", "first_statement_id" }
            .Select(name => $"{name} = CASE WHEN {older} THEN excluded.{name} ELSE t.{name} END");

        // Rows go in key order, so concurrent workers lock the rows they share in the same order (no deadlock);
        // the WHERE skips rows the statement changes nothing in (re-delivery writes nothing).
        _upsert = $"""
            INSERT INTO {_table} AS t ({names})
            SELECT {names} FROM {unnest} ORDER BY {key}
            ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", fromLatest.Concat(fromEarliest))}
            WHERE {newer} OR {older}
            """;
        _overwrite = $"""
            UPDATE {_table} AS t SET {string.Join(", ", _columns.Skip(1).Select(column => $"{column.Name} = v.{column.Name}"))}
            FROM {unnest} WHERE t.{key} = v.{key}
            """;
    }

    /// <summary>Merges the rows into the table (rows must have distinct keys).</summary>
    public NpgsqlBatchCommand Upsert(IReadOnlyList<DimensionRow<TData>> rows) => Command(_upsert, rows);

    /// <summary>Replaces the rows' values outright: for rows recomputed from all the statements that still assert them.</summary>
    public NpgsqlBatchCommand Overwrite(IReadOnlyList<DimensionRow<TData>> rows) => Command(_overwrite, rows);

    public NpgsqlBatchCommand Delete(IEnumerable<string> keys) =>
        new($"DELETE FROM {_table} WHERE {_key} = ANY($1)") { Parameters = { new NpgsqlParameter { Value = keys.ToArray() } } };

    /// <summary>Locks existing rows in key order, as <see cref="Upsert"/> does.</summary>
    public NpgsqlBatchCommand Lock(IEnumerable<string> keys) =>
        new($"SELECT 1 FROM {_table} WHERE {_key} = ANY($1) ORDER BY {_key} FOR UPDATE") { Parameters = { new NpgsqlParameter { Value = keys.ToArray() } } };

    private NpgsqlBatchCommand Command(string sql, IReadOnlyList<DimensionRow<TData>> rows)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var column in _columns)
        {
            command.Parameters.Add(column.Parameter(rows));
        }
        return command;
    }
}
