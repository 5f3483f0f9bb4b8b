using Npgsql;
using DimensionColumns = SevenTaps.Analysis.AnalysisSchema.DimensionColumns;

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
    private readonly IReadOnlyList<string> _descriptive;
    private readonly string _upsert;
    private readonly string _overwrite;

    public DimensionTable(string schema, string table, string key, IReadOnlyList<Column<DimensionRow<TData>>> descriptive)
    {
        Table = table;
        _table = $"{schema}.{table}";
        _key = key;
        _columns =
        [
            Column.Text<DimensionRow<TData>>(key, row => row.Key),
            .. descriptive,
            Column.Time<DimensionRow<TData>>(DimensionColumns.FirstSeen, row => row.First.At),
            Column.Uuid<DimensionRow<TData>>(DimensionColumns.FirstStatementId, row => row.First.StatementId),
            Column.Time<DimensionRow<TData>>(DimensionColumns.LastSeen, row => row.Last.At),
            Column.Uuid<DimensionRow<TData>>(DimensionColumns.StatementId, row => row.Last.StatementId),
        ];

        _descriptive = descriptive.Select(column => column.Name).ToList();
        var names = string.Join(", ", _columns.Select(column => column.Name));
        var unnest = $"unnest({string.Join(", ", _columns.Select((column, index) => $"${index + 1}::{column.Type}[]"))}) AS v({names})";
        _upsert = MergeSql(unnest);
        _overwrite = $"""
            UPDATE {_table} AS t SET {string.Join(", ", _columns.Skip(1).Select(column => $"{column.Name} = v.{column.Name}"))}
            FROM {unnest} WHERE t.{key} = v.{key}
            """;
    }

    /// <summary>The table's name without schema.</summary>
    public string Table { get; }

    /// <summary>The key column (other tables refer to rows by it, under the same name).</summary>
    public string Key => _key;

    /// <summary>The columns the normalizer writes.</summary>
    public IEnumerable<string> Columns => _columns.Select(column => column.Name);

    /// <summary>Merges the rows into the table (rows must have distinct keys).</summary>
    public NpgsqlBatchCommand Upsert(IReadOnlyList<DimensionRow<TData>> rows) => Command(_upsert, rows);

    /// <summary>Replaces the rows' values outright: for rows recomputed from all the statements that still assert them.</summary>
    public NpgsqlBatchCommand Overwrite(IReadOnlyList<DimensionRow<TData>> rows) => Command(_overwrite, rows);

    public NpgsqlBatchCommand Delete(IEnumerable<string> keys) =>
        new($"DELETE FROM {_table} WHERE {_key} = ANY($1)") { Parameters = { new NpgsqlParameter { Value = keys.ToArray() } } };

    /// <summary>Locks existing rows in key order, as <see cref="Upsert"/> does.</summary>
    public NpgsqlBatchCommand Lock(IEnumerable<string> keys) =>
        new($"SELECT 1 FROM {_table} WHERE {_key} = ANY($1) ORDER BY {_key} FOR UPDATE") { Parameters = { new NpgsqlParameter { Value = keys.ToArray() } } };

    /// <summary>
    /// Merges the rows of the same table in another schema that <paramref name="filter"/> selects, as
    /// <see cref="Upsert"/> merges statements' rows: re-normalization carries over rows that no statement derives.
    /// </summary>
    public NpgsqlBatchCommand MergeFrom(string schema, string filter) =>
        new(MergeSql($"(SELECT {string.Join(", ", _columns.Select(column => column.Name))} FROM {schema}.{Table} WHERE {filter}) AS v"));

    private string MergeSql(string rows)
    {
        var names = string.Join(", ", _columns.Select(column => column.Name));
        const string newer = "(excluded.last_seen, excluded.statement_id) > (t.last_seen, t.statement_id)";
        const string older = "(excluded.first_seen, excluded.first_statement_id) < (t.first_seen, t.first_statement_id)";
        var fromLatest = _descriptive.Concat([DimensionColumns.LastSeen, DimensionColumns.StatementId])
            .Select(name => $"{name} = CASE WHEN {newer} THEN excluded.{name} ELSE t.{name} END");
        var fromEarliest = new[] { DimensionColumns.FirstSeen, DimensionColumns.FirstStatementId }
            .Select(name => $"{name} = CASE WHEN {older} THEN excluded.{name} ELSE t.{name} END");

        // Rows go in key order, so concurrent workers lock the rows they share in the same order (no deadlock);
        // the WHERE skips rows the statement changes nothing in (re-delivery writes nothing).
        return $"""
            INSERT INTO {_table} AS t ({names})
            SELECT {names} FROM {rows} ORDER BY {_key}
            ON CONFLICT ({_key}) DO UPDATE SET {string.Join(", ", fromLatest.Concat(fromEarliest))}
            WHERE {newer} OR {older}
            """;
    }

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
