using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Agent.Api.Workbench;

/// <summary>
/// Writes a query's positional parameters (<c>$1</c>, <c>$2</c>...) into its text as SQL literals, so the workbench
/// gets one self-contained statement (a tile's SQL, a chat answer's SQL) to run and change. Text and arrays become
/// quoted literals of unknown type, which PostgreSQL types from where they stand, exactly as it types the untyped
/// parameters the guard binds them as (<see cref="Apis.QueryApi.JsonParameter"/>): the statement gives the same rows.
/// Placeholders inside string literals, quoted names, comments and dollar-quoted text are left alone.
/// </summary>
public static class SqlLiterals
{
    /// <summary>The parameters as .NET values (dates, numbers, text, arrays), as the verified queries hold them.</summary>
    public static string Inline(string sql, IReadOnlyList<object?> parameters) =>
        Inline(sql, parameters.Select(value => JsonSerializer.SerializeToElement(value)).ToList());

    /// <summary>The parameters as JSON values, as a chat answer carries them.</summary>
    public static string Inline(string sql, IReadOnlyList<JsonElement> parameters)
    {
        var text = new StringBuilder(sql.Length + 64);
        var index = 0;
        while (index < sql.Length)
        {
            var skipped = Skip(sql, index);
            if (skipped > index)
            {
                text.Append(sql, index, skipped - index);
                index = skipped;
                continue;
            }
            if (sql[index] == '$' && index + 1 < sql.Length && char.IsAsciiDigit(sql[index + 1]))
            {
                var end = index + 1;
                while (end < sql.Length && char.IsAsciiDigit(sql[end]))
                {
                    end++;
                }
                var place = int.Parse(sql.AsSpan(index + 1, end - index - 1), CultureInfo.InvariantCulture);
                if (place >= 1 && place <= parameters.Count)
                {
                    text.Append(Literal(parameters[place - 1]));
                    index = end;
                    continue;
                }
            }
            text.Append(sql[index]);
            index++;
        }
        return text.ToString();
    }

    /// <summary>A quoted text literal (quotes doubled; the server's strings are standard-conforming).</summary>
    public static string Text(string value) => "'" + value.Replace("'", "''") + "'";

    private static string Literal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "NULL",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        // In parentheses when negative: "x -$1" must not become a comment ("x --5").
        JsonValueKind.Number => value.GetRawText() is var number && number.StartsWith('-') ? $"({number})" : value.GetRawText(),
        JsonValueKind.String => Text(value.GetString()!),
        JsonValueKind.Array => Text(ArrayLiteral(value)),
        _ => throw new ArgumentException("A parameter is a string, number, boolean, array of them or null.", nameof(value)),
    };

    /// <summary>PostgreSQL's array literal (<c>{1,2,"a b"}</c>) of a JSON array of scalars.</summary>
    internal static string ArrayLiteral(JsonElement array) =>
        "{" + string.Join(',', array.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.Null => "NULL",
            JsonValueKind.String => "\"" + item.GetString()!.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => item.GetRawText(),
            _ => throw new ArgumentException("An array parameter holds strings, numbers, booleans or null.", nameof(array)),
        })) + "}";

    /// <summary>Where the string literal, quoted name, comment or dollar-quoted text starting at <paramref name="at"/> ends; <paramref name="at"/> when none starts there.</summary>
    private static int Skip(string sql, int at)
    {
        var rest = sql.AsSpan(at);
        if (rest.StartsWith("--"))
        {
            var end = sql.IndexOf('\n', at);
            return end < 0 ? sql.Length : end;
        }
        if (rest.StartsWith("/*"))
        {
            var end = sql.IndexOf("*/", at + 2, StringComparison.Ordinal);
            return end < 0 ? sql.Length : end + 2;
        }
        if (rest[0] is '\'' or '"')
        {
            // A doubled quote is the quote itself: scanning on past it finds the real end.
            var end = sql.IndexOf(rest[0], at + 1);
            while (end >= 0 && end + 1 < sql.Length && sql[end + 1] == rest[0])
            {
                end = sql.IndexOf(rest[0], end + 2);
            }
            return end < 0 ? sql.Length : end + 1;
        }
        if (rest[0] == '$' && rest.Length > 1 && !char.IsAsciiDigit(rest[1]))
        {
            var close = sql.IndexOf('$', at + 1);
            var tag = close < 0 ? "" : sql[at..(close + 1)];
            if (tag.Length >= 2 && tag[1..^1].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                var end = sql.IndexOf(tag, close + 1, StringComparison.Ordinal);
                return end < 0 ? sql.Length : end + tag.Length;
            }
        }
        return at;
    }
}
