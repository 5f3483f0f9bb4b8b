using Npgsql;

namespace Normalizer.Worker.Processing;

/// <summary>
/// SQL for a table with one row per statement (user_responses, user_activities), keyed by statement_id. Every
/// write of rows passes through here, and with it <paramref name="summarize"/>: INSERT statements that fold the rows an
/// insert actually inserted (a CTE named <c>inserted</c>) into summary tables, in the same statement.
/// </summary>
internal sealed class FactTable<TRow>(string schema, string table, IReadOnlyList<Column<TRow>> columns, Func<string, IReadOnlyList<string>> summarize)
{
    private readonly string _table = $"{schema}.{table}";
    private readonly string _names = string.Join(", ", columns.Select(column => column.Name));

    /// <summary>The table's name with its schema.</summary>
    public string QualifiedName => _table;

    /// <summary>The table's name without schema.</summary>
    public string Table => table;

    /// <summary>The columns the normalizer writes.</summary>
    public IEnumerable<string> Columns => columns.Select(column => column.Name);

    public NpgsqlBatchCommand Insert(IReadOnlyList<TRow> rows)
    {
        var command = new NpgsqlBatchCommand(InsertSql(
            $"SELECT {_names} FROM unnest({string.Join(", ", columns.Select((column, index) => $"${index + 1}::{column.Type}[]"))}) AS v({_names})"));
        foreach (var column in columns)
        {
            command.Parameters.Add(column.Parameter(rows));
        }
        return command;
    }

    /// <summary>
    /// Copies the rows of the same table in another schema that <paramref name="filter"/> selects, keeping rows
    /// already here: re-normalization carries over rows that no statement derives.
    /// </summary>
    public NpgsqlBatchCommand CopyFrom(string otherSchema, string filter) =>
        new(InsertSql($"SELECT {_names} FROM {otherSchema}.{table} WHERE {filter}"));

    // A statement's rows never change (statements are immutable), so a second delivery finds its row, inserts
    // nothing and so adds nothing to the summaries. The first summary is the main statement; the others are
    // data-modifying CTEs it does not read, which PostgreSQL runs after it.
    private string InsertSql(string rows)
    {
        var summaries = summarize("inserted");
        return $"""
            WITH inserted AS (
                INSERT INTO {_table} ({_names})
                {rows}
                ON CONFLICT (statement_id) DO NOTHING
                RETURNING *){string.Concat(summaries.Skip(1).Select((summary, index) => $",\nsummary_{index + 1} AS (\n{summary})"))}
            {summaries[0]}
            """;
    }

    /// <summary>Deletes the rows of these statements, returning <paramref name="returning"/> of each.</summary>
    public NpgsqlBatchCommand Delete(IReadOnlyList<Guid> statementIds, string? returning = null) =>
        new($"DELETE FROM {_table} WHERE statement_id = ANY($1){(returning is null ? "" : $" RETURNING {returning}")}")
        {
            Parameters = { new NpgsqlParameter { Value = statementIds.ToArray() } },
        };
}
