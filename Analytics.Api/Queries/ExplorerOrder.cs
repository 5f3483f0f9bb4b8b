using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Analytics.Api.Queries;

/// <summary>
/// The explorer's sort: one column, ascending or descending, then the statement id in the same direction. A page
/// ends with a cursor (the last row's sort value and statement id), and the next page starts strictly after it:
/// a keyset, so every page is a short index range scan however deep it is, and rows neither repeat nor go
/// missing between pages.
/// </summary>
public sealed record ExplorerOrder(string Column, ExplorerSortColumn Key, bool Descending)
{
    private const char Separator = '\u001f';

    /// <summary>Parses <c>sort</c> (a column, "-" in front for descending) against the source's columns.</summary>
    public static ExplorerOrder? Parse(string? sort, IReadOnlyDictionary<string, ExplorerSortColumn> sortable)
    {
        var text = sort is { Length: > 0 } ? sort : "-timestamp";
        var descending = text.StartsWith('-');
        var column = text.TrimStart('-', '+');
        return sortable.TryGetValue(column, out var key) ? new ExplorerOrder(column, key, descending) : null;
    }

    public string OrderBy => Descending ? $"ORDER BY {Key.Sql} DESC, r.statement_id DESC" : $"ORDER BY {Key.Sql}, r.statement_id";

    /// <summary>The condition for rows after the cursor's row in this order.</summary>
    public string After(ExplorerCursor cursor, Npgsql.NpgsqlCommand command) =>
        $"({Key.Sql}, r.statement_id) {(Descending ? "<" : ">")} ({command.Add(cursor.Value)}, {command.Add(cursor.StatementId)})";

    /// <summary>An opaque cursor for the row with this sort value, tied to this sort.</summary>
    public string Encode(object value, Guid statementId)
    {
        var text = value switch
        {
            DateTime time => time.Ticks.ToString(CultureInfo.InvariantCulture),
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            _ => (string)value,
        };
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Column}{Separator}{text}{Separator}{statementId:N}"));
    }

    /// <summary>The cursor, or null when it is not one this sort made.</summary>
    public ExplorerCursor? Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(Separator);
            if (parts.Length != 3 || parts[0] != Column || !Guid.TryParseExact(parts[2], "N", out var id))
            {
                return null;
            }
            object? value = Key.Type switch
            {
                ExplorerKeyType.Time => long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                    ? new DateTime(ticks, DateTimeKind.Utc) : null,
                ExplorerKeyType.Number => double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null,
                _ => parts[1],
            };
            return value is null ? null : new ExplorerCursor(value, id);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Where a page starts: after the row with this sort value and statement id.</summary>
public sealed record ExplorerCursor(object Value, Guid StatementId);
