using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Normalizer.Worker.Normalization;

/// <summary>Exception-free reads of JsonNode values (parsed nodes and nodes built in code alike). Never mutates.</summary>
internal static class JsonRead
{
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A non-blank string, trimmed; null otherwise.</summary>
    public static string? Text(JsonNode? node) =>
        String(node) is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    public static bool? Bool(JsonNode? node) =>
        node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }
            : null;

    /// <summary>A JSON number as a finite double (from its JSON text, so any backing type works).</summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number)
            ? number
            : null;

    /// <summary>A string as itself; any other JSON value as its JSON text; JSON null or missing as null.</summary>
    public static string? Raw(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(),
    };

    /// <summary>A property that may hold one object or an array of objects (contextActivities values): all objects, in order.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject single => [single],
        JsonArray many => many.OfType<JsonObject>(),
        _ => [],
    };
}

/// <summary>Choosing one text from an xAPI language map.</summary>
internal static class LanguageMaps
{
    /// <summary>
    /// The best text of a language map: en-US, then en, then any other en-* tag, then the first non-blank value
    /// in document order (tags compared case-insensitively, blank values skipped). A plain string (not a language
    /// map, but seen in the wild) is taken as is. Quill Delta strings are converted to plain text. Trimmed; null
    /// when nothing usable is there.
    /// </summary>
    public static string? PickText(JsonNode? map)
    {
        var raw = Pick(map, englishOnly: false);
        if (raw is null)
        {
            return null;
        }

        var text = QuillDelta.ToPlainText(raw).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>As <see cref="PickText"/> but only English entries (for short verb names).</summary>
    public static string? PickEnglish(JsonNode? map) => Pick(map, englishOnly: true)?.Trim();

    private static string? Pick(JsonNode? map, bool englishOnly)
    {
        if (map is JsonValue)
        {
            return JsonRead.Text(map);
        }

        if (map is not JsonObject obj)
        {
            return null;
        }

        var entries = obj
            .Select(pair => (Tag: pair.Key, Text: JsonRead.String(pair.Value)))
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Text))
            .ToList();

        string? Find(Func<string, bool> accept) => entries.FirstOrDefault(entry => accept(entry.Tag)).Text;

        return Find(tag => tag.Equals("en-US", StringComparison.OrdinalIgnoreCase))
            ?? Find(tag => tag.Equals("en", StringComparison.OrdinalIgnoreCase))
            ?? Find(tag => tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ?? (englishOnly ? null : entries.Select(entry => entry.Text).FirstOrDefault());
    }
}
