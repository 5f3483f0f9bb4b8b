using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>
/// Produces the representations of a stored Statement required by the "format" parameter of
/// GET statements (1.0.3 Communication 2.1.3) from its <c>exact</c> form. Inputs are never mutated.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>All formats return every contextActivities value as an array, even if it arrived as a single
/// Activity (Data 2.4.6.2.s4.b3/b4).</item>
/// <item><see cref="StatementFormat.Ids"/>: Agents and Identified Groups become <c>objectType</c> + their IFI;
/// Anonymous Groups become <c>objectType</c> + their members reduced the same way ("the minimum information
/// needed to identify each member"); Activities become their <c>id</c> alone; Verbs become <c>id</c>
/// (no display, Data 2.4.3.s6.b2). This applies everywhere they occur: actor, object, authority, instructor,
/// team, contextActivities, contextAgents/contextGroups and inside a SubStatement. Other properties
/// (result, timestamps, attachments, StatementRefs...) are unchanged.</item>
/// <item><see cref="StatementFormat.Canonical"/>: Activity definitions and Verb displays come from the LRS's
/// canonical source when it knows them (else from the Statement) and every Language Map in them is reduced to
/// the one best language for the caller's Accept-Language (Communication 2.1.3.s4); Agents and Groups are
/// returned as in exact. Language Maps elsewhere (attachment display, extension values) are left intact:
/// the requirement only covers Activity definitions and Verb displays.</item>
/// </list>
/// </remarks>
public static class StatementFormatter
{
    public static JsonObject Format(
        JsonObject exactStatement,
        StatementFormat format,
        AcceptLanguagePreferences? languages = null,
        ICanonicalDefinitionSource? canonicalSource = null) => format switch
        {
            StatementFormat.Exact => ToExact(exactStatement),
            StatementFormat.Ids => ToIds(exactStatement),
            StatementFormat.Canonical => ToCanonical(exactStatement, languages ?? AcceptLanguagePreferences.None, canonicalSource),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown statement format."),
        };

    /// <summary>The Statement as received, except that contextActivities values are arrays.</summary>
    public static JsonObject ToExact(JsonObject exactStatement)
    {
        ArgumentNullException.ThrowIfNull(exactStatement);
        var copy = (JsonObject)exactStatement.DeepClone();
        ForEachStatementLevel(copy, statement => ContextActivitiesAsArrays(statement["context"] as JsonObject));
        return copy;
    }

    public static JsonObject ToIds(JsonObject exactStatement)
    {
        var copy = ToExact(exactStatement);
        ForEachStatementLevel(copy, ReduceToIds);
        return copy;
    }

    public static JsonObject ToCanonical(JsonObject exactStatement, AcceptLanguagePreferences languages, ICanonicalDefinitionSource? canonicalSource = null)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var copy = ToExact(exactStatement);
        ForEachStatementLevel(copy, statement => MakeCanonical(statement, languages, canonicalSource));
        return copy;
    }

    /// <summary>Reduces a Language Map to the single entry chosen by <paramref name="languages"/>.</summary>
    public static JsonObject SelectLanguage(JsonObject languageMap, AcceptLanguagePreferences languages)
    {
        var tags = languageMap.Select(p => p.Key).ToList();
        var chosen = languages.SelectBest(tags);
        var result = new JsonObject();
        if (chosen is not null)
        {
            result[chosen] = languageMap[chosen]?.DeepClone();
        }

        return result;
    }

    // The Statement and, when its object is a SubStatement, the SubStatement (which cannot nest further).
    private static void ForEachStatementLevel(JsonObject statement, Action<JsonObject> action)
    {
        action(statement);
        if (statement["object"] is JsonObject obj && JsonNodeKinds.AsString(obj["objectType"]) == "SubStatement")
        {
            action(obj);
        }
    }

    private static void ContextActivitiesAsArrays(JsonObject? context)
    {
        if (context?["contextActivities"] is not JsonObject contextActivities)
        {
            return;
        }

        foreach (var key in contextActivities.Select(p => p.Key).ToList())
        {
            if (contextActivities[key] is JsonObject single)
            {
                contextActivities[key] = new JsonArray(single.DeepClone());
            }
        }
    }

    private static IEnumerable<JsonObject> ContextActivities(JsonObject statement) =>
        statement["context"] is JsonObject context && context["contextActivities"] is JsonObject map
            ? map.Select(p => p.Value).OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>()
            : [];

    private static bool IsActivity(JsonObject obj) => JsonNodeKinds.AsString(obj["objectType"]) is null or "Activity";

    private static void ReduceToIds(JsonObject statement)
    {
        ReplaceAgent(statement, "actor");
        ReplaceAgent(statement, "authority");

        if (statement["verb"] is JsonObject verb)
        {
            statement["verb"] = new JsonObject { ["id"] = verb["id"]?.DeepClone() };
        }

        if (statement["object"] is JsonObject obj)
        {
            switch (JsonNodeKinds.AsString(obj["objectType"]))
            {
                case null or "Activity":
                    statement["object"] = ActivityIds(obj);
                    break;
                case "Agent" or "Group":
                    statement["object"] = AgentIds(obj);
                    break;
            }
        }

        if (statement["context"] is JsonObject context)
        {
            ReplaceAgent(context, "instructor");
            ReplaceAgent(context, "team");
            if (context["contextActivities"] is JsonObject contextActivities)
            {
                foreach (var array in contextActivities.Select(p => p.Value).OfType<JsonArray>())
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonObject activity)
                        {
                            array[i] = ActivityIds(activity);
                        }
                    }
                }
            }

            foreach (var (listName, memberName) in new[] { ("contextAgents", "agent"), ("contextGroups", "group") })
            {
                if (context[listName] is JsonArray entries)
                {
                    foreach (var entry in entries.OfType<JsonObject>())
                    {
                        ReplaceAgent(entry, memberName);
                    }
                }
            }
        }
    }

    private static void ReplaceAgent(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject agent)
        {
            parent[name] = AgentIds(agent);
        }
    }

    // The id alone: "objectType" is optional for an Activity (it is the default), so it is not minimum information.
    private static JsonObject ActivityIds(JsonObject activity) => new() { ["id"] = activity["id"]?.DeepClone() };

    private static JsonObject AgentIds(JsonObject agent)
    {
        var objectType = JsonNodeKinds.AsString(agent["objectType"]) ?? "Agent";
        var reduced = new JsonObject { ["objectType"] = objectType };
        var ifi = InverseFunctionalIdentifier.PropertyNames.FirstOrDefault(agent.ContainsKey);
        if (ifi is not null)
        {
            reduced[ifi] = agent[ifi]?.DeepClone();
        }
        else if (objectType == "Group" && agent["member"] is JsonArray members)
        {
            reduced["member"] = new JsonArray(members.OfType<JsonObject>().Select(m => (JsonNode?)AgentIds(m)).ToArray());
        }

        return reduced;
    }

    private static void MakeCanonical(JsonObject statement, AcceptLanguagePreferences languages, ICanonicalDefinitionSource? source)
    {
        if (statement["verb"] is JsonObject verb)
        {
            var display = (JsonNodeKinds.AsString(verb["id"]) is { } verbId ? source?.GetVerbDisplay(verbId) : null)
                ?? verb["display"] as JsonObject;
            if (display is not null)
            {
                verb["display"] = SelectLanguage(display, languages);
            }
        }

        var activities = ContextActivities(statement).ToList();
        if (statement["object"] is JsonObject obj && IsActivity(obj))
        {
            activities.Add(obj);
        }

        foreach (var activity in activities)
        {
            var definition = (JsonNodeKinds.AsString(activity["id"]) is { } activityId ? source?.GetActivityDefinition(activityId) : null)
                ?? activity["definition"] as JsonObject;
            if (definition is not null)
            {
                activity["definition"] = CanonicalDefinition(definition, languages);
            }
        }
    }

    // Name, description and every interaction component description keep one language.
    private static JsonObject CanonicalDefinition(JsonObject definition, AcceptLanguagePreferences languages)
    {
        var copy = (JsonObject)definition.DeepClone();
        foreach (var mapName in new[] { "name", "description" })
        {
            if (copy[mapName] is JsonObject map)
            {
                copy[mapName] = SelectLanguage(map, languages);
            }
        }

        foreach (var listName in InteractionTypes.ComponentListNames)
        {
            if (copy[listName] is JsonArray components)
            {
                foreach (var component in components.OfType<JsonObject>())
                {
                    if (component["description"] is JsonObject description)
                    {
                        component["description"] = SelectLanguage(description, languages);
                    }
                }
            }
        }

        return copy;
    }
}
