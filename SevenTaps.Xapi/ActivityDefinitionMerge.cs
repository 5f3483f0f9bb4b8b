using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>
/// The Activities Resource's canonical definition of an Activity: what every defining statement said about it
/// (Communication "Activities Resource", XAPI-00254: two statements describing one Activity in two languages give
/// both). Definitions are folded oldest first: a Language Map (<c>name</c>, <c>description</c>) and
/// <c>extensions</c> gain the newer entries key by key; every other property takes the newest value.
/// </summary>
public static class ActivityDefinitionMerge
{
    private static readonly HashSet<string> MergedByKey = new(StringComparer.Ordinal) { "name", "description", "extensions" };

    /// <summary>The merged definition, or null when there is none.</summary>
    public static JsonObject? Merge(IEnumerable<JsonObject> oldestFirst)
    {
        JsonObject? merged = null;
        foreach (var definition in oldestFirst)
        {
            merged ??= new JsonObject();
            foreach (var (name, value) in definition)
            {
                if (MergedByKey.Contains(name) && merged[name] is JsonObject known && value is JsonObject newer)
                {
                    foreach (var (key, entry) in newer)
                    {
                        known[key] = entry?.DeepClone();
                    }
                }
                else
                {
                    merged[name] = value?.DeepClone();
                }
            }
        }
        return merged;
    }

    /// <summary>Every Activity of a statement that carries a definition, with it.</summary>
    public static IEnumerable<(string ActivityId, JsonObject Definition)> DefinitionsIn(JsonObject statement) =>
        ActivitiesIn(statement)
            .Where(activity => activity["definition"] is JsonObject && JsonNodeKinds.AsString(activity["id"]) is not null)
            .Select(activity => (JsonNodeKinds.AsString(activity["id"])!, (JsonObject)activity["definition"]!));

    /// <summary>The Activities of a statement: the object, the context activities, and the same inside a SubStatement.</summary>
    public static IEnumerable<JsonObject> ActivitiesIn(JsonObject statement)
    {
        foreach (var level in Levels(statement))
        {
            if (level["object"] is JsonObject obj && IsActivity(obj))
            {
                yield return obj;
            }
            if (level["context"] is JsonObject context && context["contextActivities"] is JsonObject contextActivities)
            {
                foreach (var (_, value) in contextActivities)
                {
                    var activities = value is JsonArray array ? array.OfType<JsonObject>() : value is JsonObject single ? [single] : [];
                    foreach (var activity in activities)
                    {
                        yield return activity;
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Levels(JsonObject statement)
    {
        yield return statement;
        if (statement["object"] is JsonObject obj && JsonNodeKinds.AsString(obj["objectType"]) == "SubStatement")
        {
            yield return obj;
        }
    }

    private static bool IsActivity(JsonObject obj) => JsonNodeKinds.AsString(obj["objectType"]) is null or "Activity";
}
