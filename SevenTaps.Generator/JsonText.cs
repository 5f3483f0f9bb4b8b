using System.Text;

namespace SevenTaps.Generator;

/// <summary>Minimal, deterministic JSON text helpers (escaping, timestamps, durations) for the hot path.</summary>
internal static class JsonText
{
    private static readonly string[] ControlEscapes = BuildControlEscapes();

    private static string[] BuildControlEscapes()
    {
        var table = new string[32];
        for (var i = 0; i < 32; i++)
        {
            table[i] = "\\u" + i.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        }

        table['\b'] = "\\b";
        table['\f'] = "\\f";
        table['\n'] = "\\n";
        table['\r'] = "\\r";
        table['\t'] = "\\t";
        return table;
    }

    /// <summary>Appends <paramref name="value"/> as a JSON string literal (quotes included). Non-ASCII is kept as is.</summary>
    public static StringBuilder AppendString(StringBuilder sb, string value)
    {
        sb.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 || c == '"' || c == '\\')
            {
                sb.Append(value, start, i - start);
                sb.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    _ => ControlEscapes[c],
                });
                start = i + 1;
            }
        }

        sb.Append(value, start, value.Length - start);
        return sb.Append('"');
    }

    public static string Quote(string value) => AppendString(new StringBuilder(value.Length + 8), value).ToString();

    /// <summary>Appends unix milliseconds as "yyyy-MM-ddTHH:mm:ss.fffZ" (with quotes).</summary>
    public static void AppendTimestamp(StringBuilder sb, long unixMs)
    {
        Span<char> buf = stackalloc char[26];
        FormatTimestamp(unixMs, buf);
        sb.Append(buf);
    }

    public static void FormatTimestamp(long unixMs, Span<char> buf)
    {
        var days = (int)Math.Floor(unixMs / 86_400_000.0);
        var msOfDay = unixMs - ((long)days * 86_400_000L);
        var date = DateOnly.FromDayNumber(UnixEpochDayNumber + days);
        var ms = (int)msOfDay;
        buf[0] = '"';
        Put4(buf, 1, date.Year);
        buf[5] = '-';
        Put2(buf, 6, date.Month);
        buf[8] = '-';
        Put2(buf, 9, date.Day);
        buf[11] = 'T';
        Put2(buf, 12, ms / 3_600_000);
        buf[14] = ':';
        Put2(buf, 15, ms / 60_000 % 60);
        buf[17] = ':';
        Put2(buf, 18, ms / 1000 % 60);
        buf[20] = '.';
        var f = ms % 1000;
        buf[21] = (char)('0' + (f / 100));
        buf[22] = (char)('0' + (f / 10 % 10));
        buf[23] = (char)('0' + (f % 10));
        buf[24] = 'Z';
        buf[25] = '"';
    }

    public static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private static void Put2(Span<char> buf, int at, int v)
    {
        buf[at] = (char)('0' + (v / 10));
        buf[at + 1] = (char)('0' + (v % 10));
    }

    private static void Put4(Span<char> buf, int at, int v)
    {
        buf[at] = (char)('0' + (v / 1000));
        buf[at + 1] = (char)('0' + (v / 100 % 10));
        buf[at + 2] = (char)('0' + (v / 10 % 10));
        buf[at + 3] = (char)('0' + (v % 10));
    }

    /// <summary>ISO 8601 duration of whole seconds: PT0S, PT38S, PT4M12S, PT1H2M3S.</summary>
    public static void AppendDuration(StringBuilder sb, int seconds)
    {
        sb.Append("\"PT");
        var h = seconds / 3600;
        var m = seconds / 60 % 60;
        var s = seconds % 60;
        if (h > 0)
        {
            sb.Append(h).Append('H');
        }

        if (m > 0)
        {
            sb.Append(m).Append('M');
        }

        if (s > 0 || seconds == 0)
        {
            sb.Append(s).Append('S');
        }

        sb.Append('"');
    }
}
