using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Normalizer.Worker.Normalization;

/// <summary>One lesson of the catalogue.</summary>
/// <param name="Key">Its key in the "lessons" object (e.g. "0a", "1").</param>
/// <param name="Number">lesson_number as text (numbers and strings alike: 1 → "1", "0a" → "0a"); the key when absent.</param>
/// <param name="Name">lesson_name.</param>
/// <param name="Url">lesson_url cleaned with <see cref="ActivityUrl.Clean"/>; null when empty or absent.</param>
/// <param name="Description">description.</param>
/// <param name="DisplayName">display_name.</param>
public sealed record LessonCatalogueEntry(string Key, string Number, string? Name, string? Url, string? Description, string? DisplayName);

/// <summary>
/// The course's lesson catalogue (shared/data/7taps/lesson_mapping.json): optional enrichment of lessons found
/// in statements with their number and name. Lesson identity always comes from the statements; the catalogue's
/// URLs are incomplete (and in the source partly contradictory), so entries without a URL are kept and exposed
/// for matching by number. Immutable; parsing only (the caller reads the file).
/// </summary>
public sealed class LessonCatalogue
{
    private readonly Dictionary<string, LessonCatalogueEntry?> byUrl;

    public LessonCatalogue(IEnumerable<LessonCatalogueEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries.ToList();
        byUrl = new Dictionary<string, LessonCatalogueEntry?>(StringComparer.Ordinal);
        foreach (var entry in Entries.Where(entry => entry.Url is not null))
        {
            var url = ActivityUrl.Clean(entry.Url!);
            if (byUrl.TryGetValue(url, out var existing))
            {
                // Two different lessons claim one URL: contradictory, so neither is used for that URL.
                if (existing is not null && existing.Number != entry.Number)
                {
                    byUrl[url] = null;
                }
            }
            else
            {
                byUrl[url] = entry;
            }
        }
    }

    public static LessonCatalogue Empty { get; } = new([]);

    /// <summary>All entries, in document order.</summary>
    public IReadOnlyList<LessonCatalogueEntry> Entries { get; }

    /// <summary>The entries that have no URL (only their number can match them to a lesson).</summary>
    public IReadOnlyList<LessonCatalogueEntry> EntriesWithoutUrl => Entries.Where(entry => entry.Url is null).ToList();

    /// <summary>
    /// Parses the lesson_mapping.json shape: <c>{"lessons": {"key": {lesson_number, lesson_name, lesson_url,
    /// description, display_name}}}</c>. Also accepted: "lessons" as an array of such objects, or the lessons
    /// object at the top level. Members that are not objects (e.g. "timestamp") are ignored.
    /// </summary>
    /// <exception cref="JsonException">Not JSON.</exception>
    public static LessonCatalogue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJson(JsonNode.Parse(json));
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static LessonCatalogue FromJson(JsonNode? root)
    {
        var container = root is JsonObject obj && obj["lessons"] is { } lessons ? lessons : root;
        var entries = new List<LessonCatalogueEntry>();
        switch (container)
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    if (value is JsonObject lesson)
                    {
                        entries.Add(EntryOf(key, lesson));
                    }
                }

                break;
            case JsonArray list:
                foreach (var lesson in list.OfType<JsonObject>())
                {
                    if (NumberText(lesson["lesson_number"]) is { } number)
                    {
                        entries.Add(EntryOf(number, lesson));
                    }
                }

                break;
        }

        return new LessonCatalogue(entries);
    }

    /// <summary>The entry whose URL equals <paramref name="url"/> once both are cleaned; null when none or ambiguous.</summary>
    public LessonCatalogueEntry? FindByUrl(string? url) =>
        string.IsNullOrWhiteSpace(url) ? null : byUrl.GetValueOrDefault(ActivityUrl.Clean(url));

    /// <summary>
    /// The first entry whose number matches: trimmed, case-insensitive ("0A" = "0a"), and numerically for
    /// integers ("01" = "1").
    /// </summary>
    public LessonCatalogueEntry? FindByNumber(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        var wanted = number.Trim();
        return Entries.FirstOrDefault(entry => SameNumber(entry.Number, wanted));
    }

    private static bool SameNumber(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
        || (long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x)
            && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && x == y);

    private static LessonCatalogueEntry EntryOf(string key, JsonObject lesson)
    {
        var url = JsonRead.Text(lesson["lesson_url"]);
        return new LessonCatalogueEntry(
            key,
            NumberText(lesson["lesson_number"]) ?? key,
            JsonRead.Text(lesson["lesson_name"]),
            url is null ? null : ActivityUrl.Clean(url),
            JsonRead.Text(lesson["description"]),
            JsonRead.Text(lesson["display_name"]));
    }

    private static string? NumberText(JsonNode? node) =>
        JsonRead.Text(node) ?? (JsonRead.Number(node) is not null ? node!.ToJsonString() : null);
}
