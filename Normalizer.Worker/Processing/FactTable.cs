using Npgsql;

namespace Normalizer.Worker.Processing;

/// <summary>SQL for a table with one row per statement (user_responses, user_activities), keyed by statement_id.</summary>
internal sealed class FactTable<TRow>
{
    private readonly string _table;
    private readonly IReadOnlyList<Column<TRow>> _columns;
    private readonly string _insert;

    public FactTable(string schema, string table, IReadOnlyList<Column<TRow>> columns)
    {
        Table = table;
        _table = $"{schema}.{table}";
        _columns = columns;
        var names = string.Join(", ", columns.Select(column => column.Name));
        // A statement's rows never change (statements are immutable), so a second delivery finds its row and stops.
        _insert = $"""
            INSERT INTO {_table} ({names})
            SELECT {names} FROM unnest({string.Join(", ", columns.Select((column, index) => $"${index + 1}::{column.Type}[]"))}) AS v({names})
            ON CONFLICT (statement_id) DO NOTHING
            """;
    }

    /// <summary>The table's name without schema.</summary>
    public string Table { get; }

    /// <summary>The columns the normalizer writes.</summary>
    public IEnumerable<string> Columns => _columns.Select(column => column.Name);

    public NpgsqlBatchCommand Insert(IReadOnlyList<TRow> rows)
    {
        var command = new NpgsqlBatchCommand(_insert);
        foreach (var column in _columns)
        {
            command.Parameters.Add(column.Parameter(rows));
        }
        return command;
    }

    /// <summary>
    /// Copies the rows of the same table in another schema that <paramref name="filter"/> selects, keeping rows
    /// already here: re-normalization carries over rows that no statement derives.
    /// </summary>
    public NpgsqlBatchCommand CopyFrom(string schema, string filter)
    {
        var names = string.Join(", ", _columns.Select(column => column.Name));
        return new($"INSERT INTO {_table} ({names}) SELECT {names} FROM {schema}.{Table} WHERE {filter} ON CONFLICT (statement_id) DO NOTHING");
    }

    /// <summary>Deletes the rows of these statements, returning <paramref name="returning"/> of each.</summary>
    public NpgsqlBatchCommand Delete(IReadOnlyList<Guid> statementIds, string? returning = null) =>
        new($"DELETE FROM {_table} WHERE statement_id = ANY($1){(returning is null ? "" : $" RETURNING {returning}")}")
        {
            Parameters = { new NpgsqlParameter { Value = statementIds.ToArray() } },
        };
}
