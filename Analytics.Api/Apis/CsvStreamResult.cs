using System.Globalization;
using System.Text;
using Analytics.Api.Queries;
using Npgsql;
using SevenTaps.Text;

namespace Analytics.Api.Apis;

/// <summary>
/// The explorer's whole filtered set as CSV, streamed: each row is written as PostgreSQL sends it and flushed to the
/// client every <see cref="FlushChars"/> characters, so the server holds one buffer, not the result. Text cells are
/// neutralised against spreadsheet formulas (<see cref="CsvCell"/>); numbers, times and ids are written as they are.
/// </summary>
public sealed class CsvStreamResult(Func<CancellationToken, Task<ExplorerExport>> open, IReadOnlyList<string> header, string fileName) : IResult
{
    public const int FlushChars = 64 * 1024;

    public async Task ExecuteAsync(HttpContext context)
    {
        var cancellation = context.RequestAborted;
        await using var export = await open(cancellation);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var rows = export.Rows;
        var writers = Enumerable.Range(0, rows.FieldCount).Select(ordinal => WriterFor(rows.GetFieldType(ordinal))).ToArray();
        var csv = new StringBuilder(FlushChars + 4096);
        csv.AppendJoin(',', header).Append("\r\n");
        await using var body = new StreamWriter(context.Response.Body, new UTF8Encoding(false), FlushChars);
        while (await rows.ReadAsync(cancellation))
        {
            for (var ordinal = 0; ordinal < writers.Length; ordinal++)
            {
                if (ordinal > 0)
                {
                    csv.Append(',');
                }
                if (!await rows.IsDBNullAsync(ordinal, cancellation))
                {
                    writers[ordinal](csv, rows, ordinal);
                }
            }
            csv.Append("\r\n");
            if (csv.Length >= FlushChars)
            {
                await body.WriteAsync(csv, cancellation);
                await body.FlushAsync(cancellation);
                csv.Clear();
            }
        }
        await body.WriteAsync(csv, cancellation);
    }

    /// <summary>How a column of this type is written; chosen once per column, not per cell.</summary>
    private static Action<StringBuilder, NpgsqlDataReader, int> WriterFor(Type type) => type switch
    {
        _ when type == typeof(string) => (csv, rows, ordinal) => CsvCell.AppendText(csv, rows.GetString(ordinal)),
        _ when type == typeof(DateTime) => (csv, rows, ordinal) => csv.Append(rows.GetDateTime(ordinal).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)),
        _ when type == typeof(double) => (csv, rows, ordinal) => csv.Append(rows.GetDouble(ordinal).ToString("R", CultureInfo.InvariantCulture)),
        _ when type == typeof(bool) => (csv, rows, ordinal) => csv.Append(rows.GetBoolean(ordinal) ? "true" : "false"),
        _ when type == typeof(Guid) => (csv, rows, ordinal) => csv.Append(rows.GetGuid(ordinal).ToString("D")),
        _ => (csv, rows, ordinal) => CsvCell.AppendText(csv, Convert.ToString(rows.GetValue(ordinal), CultureInfo.InvariantCulture) ?? ""),
    };
}
