using System.Text;

namespace SevenTaps.Text;

/// <summary>One CSV cell (RFC 4180), made safe to open in a spreadsheet.</summary>
public static class CsvCell
{
    /// <summary>
    /// Appends <paramref name="cell"/>. Text that a spreadsheet would run as a formula (it begins with =, +, -, @, a
    /// tab or a carriage return: OWASP's CSV injection list) gets an apostrophe in front, which shows it as text;
    /// cells with a comma, quote or line break are quoted.
    /// </summary>
    public static void AppendText(StringBuilder csv, string cell)
    {
        var neutralise = cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            csv.Append(neutralise ? "'" : "").Append(cell);
            return;
        }
        csv.Append('"');
        if (neutralise)
        {
            csv.Append('\'');
        }
        csv.Append(cell.Replace("\"", "\"\"")).Append('"');
    }
}
