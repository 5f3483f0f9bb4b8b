using Npgsql;

namespace Analytics.Api.Queries;

/// <summary>How a sort column's values are compared and carried in a cursor.</summary>
public enum ExplorerKeyType
{
    Time,
    Text,
    Number,
}

/// <summary>A column the explorer sorts by: a SQL expression that is never null (so a keyset can compare it) and its type.</summary>
public sealed record ExplorerSortColumn(string Sql, ExplorerKeyType Type);

/// <summary>
/// A table the explorer shows (answers or activities): its rows joined to their learner, lesson and card, the
/// columns it sorts by, and how one row is read. The rows' alias is <c>r</c>; every statement has at most one row,
/// so the statement id breaks ties.
/// </summary>
/// <param name="Table">The table alone, for counting: the joins add columns, never rows.</param>
/// <param name="From">The FROM clause: the table as <c>r</c> and the joins that name its learner, lesson and card.</param>
/// <param name="Columns">The select list (camelCase names), in the order <paramref name="Read"/> reads and the CSV export writes them.</param>
/// <param name="HasAnswers">The rows are answers (text, sentiment and the watch list apply).</param>
public sealed record ExplorerSource<T>(
    string Table, string From, IReadOnlyList<(string Name, string Sql)> Columns, IReadOnlyDictionary<string, ExplorerSortColumn> Sortable,
    Func<NpgsqlDataReader, T> Read, bool HasAnswers)
{
    public const string DefaultSort = "-timestamp";

    /// <summary>The columns named as the JSON rows' properties are, which the CSV export's header repeats.</summary>
    public string SelectList => string.Join(", ", Columns.Select(column => $"{column.Sql} AS \"{column.Name}\""));
}
