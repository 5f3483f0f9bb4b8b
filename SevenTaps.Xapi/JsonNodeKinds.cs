using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>Small helpers to inspect JsonNode values without exceptions.</summary>
internal static class JsonNodeKinds
{
    /// <summary>JSON kind of a node; a C# null node is a JSON null.</summary>
    public static JsonValueKind KindOf(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an undefined value",
    };

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Reads a JSON number as a double (never from a string: numbers in strings are invalid).</summary>
    public static bool TryGetNumber(JsonNode? node, out double number)
    {
        number = 0;
        return NumberText(node) is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number);
    }

    /// <summary>Reads a JSON number that is an integer (12, 12.0 and 1.2e1 all count as the integer 12).</summary>
    public static bool TryGetInteger(JsonNode? node, out long integer)
    {
        integer = 0;
        if (!TryGetDecimal(node, out var d) || d != decimal.Truncate(d) || d < long.MinValue || d > long.MaxValue)
        {
            return false;
        }

        integer = (long)d;
        return true;
    }

    /// <summary>Reads a JSON number as a decimal when it fits (for exact comparisons).</summary>
    public static bool TryGetDecimal(JsonNode? node, out decimal number)
    {
        number = 0;
        return NumberText(node) is { } text
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    // The JSON text of a number node. Working from the text treats parsed nodes (backed by JsonElement)
    // and nodes built in code (JsonValue.Create(5)) the same way.
    private static string? NumberText(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : null;
}
