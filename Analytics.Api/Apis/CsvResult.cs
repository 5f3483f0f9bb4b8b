using System.Globalization;
using System.Reflection;
using System.Text;

namespace Analytics.Api.Apis;

/// <summary>
/// A list as CSV (RFC 4180): a header from the record's properties, one line per item. Lists in a cell are
/// joined with "; ". Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
/// </summary>
public sealed class CsvResult<T>(IEnumerable<T> items, string fileName) : IResult
{
    private static readonly PropertyInfo[] Properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var csv = new StringBuilder();
        csv.AppendJoin(',', Properties.Select(property => Escape(char.ToLowerInvariant(property.Name[0]) + property.Name[1..]))).Append("\r\n");
        foreach (var item in items)
        {
            csv.AppendJoin(',', Properties.Select(property => Escape(Format(property.GetValue(item))))).Append("\r\n");
        }
        await context.Response.WriteAsync(csv.ToString(), context.RequestAborted);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join("; ", list),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            cell = "'" + cell;
        }
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }
}
