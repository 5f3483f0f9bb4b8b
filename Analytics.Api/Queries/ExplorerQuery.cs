using System.Data;
using System.Text.Json;
using Npgsql;

namespace Analytics.Api.Queries;

/// <param name="Items">The page's rows in the requested order.</param>
/// <param name="Offset">Rows skipped before this page (0 when it started at a cursor).</param>
/// <param name="NextCursor">Pass as <c>after</c> for the next page; null on the last page.</param>
/// <param name="Total">Rows passing the filter: exact up to <see cref="ExplorerQuery.ExactCountLimit"/> or when asked, else PostgreSQL's estimate.</param>
/// <param name="TotalIsExact">False when <paramref name="Total"/> is the planner's estimate (ask with exactTotal=true for a count).</param>
public sealed record ExplorerPage<T>(IReadOnlyList<T> Items, long Offset, int PageSize, string? NextCursor, long Total, bool TotalIsExact);

/// <summary>
/// The explorer's reads: a page (keyset after a cursor, or an offset for a grid that jumps), its total, and the
/// whole filtered set as a stream of rows for the CSV export.
/// </summary>
public static class ExplorerQuery
{
    /// <summary>Totals up to this many rows are counted (cheap); beyond it the planner's estimate is given, labelled so.</summary>
    public const int ExactCountLimit = 10_000;

    /// <summary>An export may run this long in PostgreSQL (the session default of 30 s suits pages, not a million rows to a slow client).</summary>
    public static readonly TimeSpan ExportTimeout = TimeSpan.FromMinutes(30);

    public static async Task<ExplorerPage<T>> PageAsync<T>(
        AnalysisReader reader, ExplorerSource<T> source, ExplorerFilter filter, ExplorerOrder order, ExplorerCursor? after, long offset, int pageSize,
        bool exactTotal, IReadOnlyList<string> watchList, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = PageSql(command, source, filter, order, after, offset, pageSize, watchList);
        var items = new List<T>(pageSize);
        string? last = null;
        var more = false;
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                if (items.Count == pageSize)
                {
                    more = true;
                    break;
                }
                items.Add(source.Read(rows));
                last = order.Encode(rows.GetValue(source.Columns.Count), rows.GetGuid(source.Columns.Count + 1));
            }
        }
        var (total, exact) = await TotalAsync(reader, source, filter, watchList, exactTotal, cancellationToken);
        return new ExplorerPage<T>(items, after is null ? offset : 0, pageSize, more ? last : null, total, exact);
    }

    /// <summary>
    /// Every row passing the filter, in the order asked, read as PostgreSQL sends them: the caller writes each row
    /// out before the next is read, so memory stays flat however many rows there are.
    /// </summary>
    public static async Task<ExplorerExport> ExportAsync<T>(
        AnalysisReader reader, ExplorerSource<T> source, ExplorerFilter filter, ExplorerOrder order, IReadOnlyList<string> watchList, CancellationToken cancellationToken)
    {
        var connection = await reader.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using (var timeout = new NpgsqlCommand($"SET LOCAL statement_timeout = {(long)ExportTimeout.TotalMilliseconds}", connection, transaction))
            {
                await timeout.ExecuteNonQueryAsync(cancellationToken);
            }
            var command = new NpgsqlCommand { Connection = connection, Transaction = transaction, CommandTimeout = (int)ExportTimeout.TotalSeconds };
            command.CommandText = ExportSql(command, source, filter, order, watchList);
            var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            return new ExplorerExport(connection, command, rows);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A page of rows (and each row's sort value and statement id, for the cursor), one row beyond it telling whether there is a next.</summary>
    internal static string PageSql<T>(
        NpgsqlCommand command, ExplorerSource<T> source, ExplorerFilter filter, ExplorerOrder order, ExplorerCursor? after, long offset, int pageSize,
        IReadOnlyList<string> watchList)
    {
        var where = filter.Where("r", command, watchList);
        var keyset = after is null ? "" : $" AND {order.After(after, command)}";
        var limit = command.Add(pageSize + 1);
        var skip = command.Add(offset);
        return $"""
            SELECT {source.SelectList}, {order.Key.Sql} AS sort_key, r.statement_id AS row_key
            FROM {source.From}
            WHERE {where}{keyset}
            {order.OrderBy}
            LIMIT {limit} OFFSET {skip}
            """;
    }

    /// <summary>Every row passing the filter, in the order asked.</summary>
    internal static string ExportSql<T>(NpgsqlCommand command, ExplorerSource<T> source, ExplorerFilter filter, ExplorerOrder order, IReadOnlyList<string> watchList)
    {
        var where = filter.Where("r", command, watchList);
        return $"""
            SELECT {source.SelectList}
            FROM {source.From}
            WHERE {where}
            {order.OrderBy}
            """;
    }

    /// <summary>One row per row passing the filter, from the table alone (the joins add columns, never rows): what the total counts.</summary>
    internal static string RowsSql<T>(NpgsqlCommand command, ExplorerSource<T> source, ExplorerFilter filter, IReadOnlyList<string> watchList) =>
        $"SELECT 1 FROM {source.Table} r WHERE {filter.Where("r", command, watchList)}";

    private static async Task<(long Total, bool Exact)> TotalAsync<T>(
        AnalysisReader reader, ExplorerSource<T> source, ExplorerFilter filter, IReadOnlyList<string> watchList, bool exact, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        var rows = RowsSql(command, source, filter, watchList);
        command.CommandText = exact ? $"SELECT count(*) FROM ({rows}) c" : $"SELECT count(*) FROM ({rows} LIMIT {ExactCountLimit + 1}) c";
        var counted = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (exact || counted <= ExactCountLimit)
        {
            return (counted, true);
        }
        // More than the limit: what the planner expects, which costs no scan (and is never below what was counted).
        command.CommandText = $"EXPLAIN (FORMAT JSON) {rows}";
        using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
        var estimate = (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        return (Math.Max(estimate, counted), false);
    }
}

/// <summary>An export's open rows and the connection they stream from; disposing ends the read-only transaction.</summary>
public sealed class ExplorerExport(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader rows) : IAsyncDisposable
{
    public NpgsqlDataReader Rows => rows;

    public async ValueTask DisposeAsync()
    {
        await rows.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }
}
