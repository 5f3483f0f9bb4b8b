using System.Text;
using System.Text.Json;

namespace SevenTaps.Xapi;

/// <summary>
/// Finds property names used more than once in the same JSON object. A Statement MUST use each
/// property no more than one time (1.0.3 Data 2.2.s2.b2), but parsed JSON trees silently keep only one
/// of the values (or throw), so this check has to run on the raw text.
/// </summary>
internal static class DuplicatePropertyDetector
{
    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;
        public bool IsObject { get; } = isObject;
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
        public string? CurrentProperty { get; set; }
        public int NextIndex { get; set; }
    }

    /// <summary>Paths (see <see cref="XapiValidationError.Path"/>) of every duplicated property.</summary>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public static IReadOnlyList<string> Find(string json)
    {
        var duplicates = new List<string>();
        var stack = new Stack<Frame>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    stack.Push(new Frame(PathOfNextValue(stack), reader.TokenType == JsonTokenType.StartObject));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var frame = stack.Peek();
                    var name = reader.GetString()!;
                    if (!frame.Names.Add(name))
                    {
                        duplicates.Add(XapiPath.Property(frame.Path, name));
                    }

                    frame.CurrentProperty = name;
                    break;
                default:
                    PathOfNextValue(stack); // advances the array index for primitive values
                    break;
            }
        }

        return duplicates;
    }

    private static string PathOfNextValue(Stack<Frame> stack)
    {
        if (stack.Count == 0)
        {
            return "";
        }

        var parent = stack.Peek();
        return parent.IsObject
            ? XapiPath.Property(parent.Path, parent.CurrentProperty!)
            : XapiPath.Index(parent.Path, parent.NextIndex++);
    }
}
