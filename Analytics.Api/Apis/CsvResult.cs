using System.Globalization;
using System.Reflection;
using System.Text;
using SevenTaps.Text;

namespace Analytics.Api.Apis;

/// <summary>
/// A list as CSV (RFC 4180): a header from the record's properties, one line per item. Lists in a cell are
/// joined with "; ". Text cells are neutralised against spreadsheet formulas (<see cref="CsvCell"/>); numbers
/// are written as they are.
/// </summary>
public sealed class CsvResult<T>(IEnumerable<T> items, string fileName) : IResult
{
    private static readonly PropertyInfo[] Properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var csv = new StringBuilder();
        csv.AppendJoin(',', Properties.Select(property => char.ToLowerInvariant(property.Name[0]) + property.Name[1..])).Append("\r\n");
        foreach (var item in items)
        {
            for (var index = 0; index < Properties.Length; index++)
            {
                if (index > 0)
                {
                    csv.Append(',');
                }
                Append(csv, Properties[index].GetValue(item));
            }
            csv.Append("\r\n");
        }
        await context.Response.WriteAsync(csv.ToString(), context.RequestAborted);
    }

    private static void Append(StringBuilder csv, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case DateTimeOffset time:
                csv.Append(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                csv.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<string> list:
                CsvCell.AppendText(csv, string.Join("; ", list));
                break;
            default:
                CsvCell.AppendText(csv, value.ToString() ?? "");
                break;
        }
    }
}
