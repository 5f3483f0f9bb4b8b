using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Normalizer.Worker.Normalization;

/// <summary>
/// 7taps sends rich text (card titles, questions) as a Quill Delta serialized to a JSON string, e.g.
/// <c>{"ops":[{"attributes":{"bold":true},"insert":"🧠 Quick pulse check"},{"insert":"\nRank these..."}]}</c>.
/// This turns such a string into plain text; any other string is returned unchanged.
/// </summary>
public static class QuillDelta
{
    /// <summary>
    /// Plain text of a Quill Delta JSON string: the string inserts concatenated (formatting attributes ignored,
    /// emoji and line breaks kept), embeds (inserts that are objects, such as images or formulas) dropped, CR/CRLF
    /// made LF, trailing spaces of each line removed, runs of blank lines collapsed to one, and the result trimmed.
    /// A string that is not a Delta (plain text, other JSON, invalid JSON) is returned as is.
    /// </summary>
    public static string ToPlainText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryToPlainText(text, out var plain) ? plain : text;
    }

    /// <summary>True (and the plain text) when <paramref name="text"/> is a Quill Delta JSON string.</summary>
    /// <remarks>
    /// A Delta is a JSON object whose "ops" is an array of objects, or (as some exporters write it) a bare
    /// non-empty array of objects that all have an "insert". Ops without an insert (retain/delete, which only
    /// appear in change Deltas) contribute nothing.
    /// </remarks>
    public static bool TryToPlainText(string? text, out string plain)
    {
        plain = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || !LooksLikeJson(text))
        {
            return false;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return false;
        }

        JsonArray? ops = root switch
        {
            JsonObject obj when obj["ops"] is JsonArray array && array.All(op => op is JsonObject) => array,
            JsonArray array when array.Count > 0 && array.All(op => op is JsonObject o && o.ContainsKey("insert")) => array,
            _ => null,
        };

        if (ops is null)
        {
            return false;
        }

        var builder = new StringBuilder();
        foreach (var op in ops.OfType<JsonObject>())
        {
            if (op["insert"] is JsonValue insert && insert.GetValueKind() == JsonValueKind.String)
            {
                builder.Append(insert.GetValue<string>());
            }
        }

        plain = Tidy(builder.ToString());
        return true;
    }

    private static bool LooksLikeJson(string text)
    {
        var first = text.AsSpan().TrimStart();
        return first.Length > 0 && first[0] is '{' or '[';
    }

    // LF line ends, no trailing spaces, at most one blank line in a row, trimmed.
    private static string Tidy(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var builder = new StringBuilder(text.Length);
        var blankRun = 0;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                blankRun++;
                if (blankRun > 1)
                {
                    continue;
                }
            }
            else
            {
                blankRun = 0;
            }

            builder.Append(line).Append('\n');
        }

        return builder.ToString().Trim();
    }
}
