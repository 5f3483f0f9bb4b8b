using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

// Context (1.0.3 Data 2.4.6) and the 2.0.0 additions contextAgents / contextGroups.
internal sealed partial class StatementValidationRun
{
    private static readonly HashSet<string> ContextProperties1_0 =
        ["registration", "instructor", "team", "contextActivities", "revision", "platform", "language", "statement", "extensions"];

    private static readonly HashSet<string> ContextProperties2_0 = [.. ContextProperties1_0, "contextAgents", "contextGroups"];

    private static readonly string[] ContextActivityTypes = ["parent", "grouping", "category", "other"];

    private static readonly HashSet<string> ContextAgentProperties = ["objectType", "agent", "relevantTypes"];

    private static readonly HashSet<string> ContextGroupProperties = ["objectType", "group", "relevantTypes"];

    private void ValidateContext(JsonNode node, string path, StatementObjectKind objectKind)
    {
        if (RequireObject(node, path) is not { } context)
        {
            return;
        }

        if (!Is2_0)
        {
            foreach (var name in new[] { "contextAgents", "contextGroups" }.Where(context.ContainsKey))
            {
                Error(XapiPath.Property(path, name), "is not a property of a Context in xAPI 1.0.3 (it was added in 2.0.0)");
            }
        }

        // Under 1.0.3 the two 2.0 properties were reported above with a clearer message.
        RejectUnknownProperties(context, path, ContextProperties2_0, "a Context");

        if (TryGet(context, "registration", path, out var registration))
        {
            ValidateUuid(registration, XapiPath.Property(path, "registration"));
        }

        // instructor: an Agent (MAY be a Group).
        if (TryGet(context, "instructor", path, out var instructor))
        {
            ValidateActor(instructor, XapiPath.Property(path, "instructor"));
        }

        // team: a Group.
        if (TryGet(context, "team", path, out var team))
        {
            var teamPath = XapiPath.Property(path, "team");
            if (ValidateActor(team, teamPath) == ActorKind.Agent)
            {
                Error(XapiPath.Property(teamPath, "objectType"), "team MUST be a Group (objectType 'Group')");
            }
        }

        if (TryGet(context, "contextActivities", path, out var contextActivities))
        {
            ValidateContextActivities(contextActivities, XapiPath.Property(path, "contextActivities"));
        }

        // revision and platform MUST only be used if the Statement's Object is an Activity (2.4.6.s4.b1/b2).
        foreach (var name in new[] { "revision", "platform" })
        {
            if (TryGet(context, name, path, out var value))
            {
                var valuePath = XapiPath.Property(path, name);
                RequireString(value, valuePath);
                if (objectKind is not (StatementObjectKind.Activity or StatementObjectKind.Invalid))
                {
                    Error(valuePath, $"MUST only be used when the Statement's object is an Activity (it is {objectKind})");
                }
            }
        }

        if (TryGet(context, "language", path, out var language))
        {
            var languagePath = XapiPath.Property(path, "language");
            if (RequireString(language, languagePath) is { } tag && !LanguageTag.IsValid(tag))
            {
                Error(languagePath, $"must be an RFC 5646 language tag, got '{tag}'");
            }
        }

        if (TryGet(context, "statement", path, out var statementRef))
        {
            ValidateStatementRef(statementRef, XapiPath.Property(path, "statement"));
        }

        ValidateOptionalExtensions(context, path);

        if (Is2_0)
        {
            if (TryGet(context, "contextAgents", path, out var contextAgents))
            {
                ValidateContextAgents(contextAgents, XapiPath.Property(path, "contextAgents"), groups: false);
            }

            if (TryGet(context, "contextGroups", path, out var contextGroups))
            {
                ValidateContextAgents(contextGroups, XapiPath.Property(path, "contextGroups"), groups: true);
            }
        }
    }

    /// <summary>
    /// contextActivities (Data 2.4.6.2.s4): keys MUST be parent, grouping, category or other; each value
    /// MUST be a single Activity object or an array of Activity objects (single objects are kept for 0.95
    /// compatibility and MUST be accepted).
    /// </summary>
    private void ValidateContextActivities(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } map)
        {
            return;
        }

        foreach (var (key, value) in map)
        {
            var keyPath = XapiPath.Property(path, key);
            if (!ContextActivityTypes.Contains(key))
            {
                Error(keyPath, "is not a context type; use parent, grouping, category or other");
                continue;
            }

            switch (value)
            {
                case null:
                    Error(keyPath, "must not be null");
                    break;
                case JsonArray activities:
                    for (var i = 0; i < activities.Count; i++)
                    {
                        ValidateActivity(activities[i], XapiPath.Index(keyPath, i));
                    }

                    break;
                case JsonObject activity:
                    ValidateActivity(activity, keyPath);
                    break;
                default:
                    Error(keyPath, $"must be an Activity or an array of Activities but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(value))}");
                    break;
            }
        }
    }

    /// <summary>
    /// xAPI 2.0.0 contextAgents / contextGroups: arrays of objects with objectType "contextAgent" /
    /// "contextGroup" (required), "agent" (an Agent) / "group" (a Group) (required) and optional
    /// "relevantTypes", a non-empty array of IRIs.
    /// </summary>
    private void ValidateContextAgents(JsonNode node, string path, bool groups)
    {
        var expectedObjectType = groups ? "contextGroup" : "contextAgent";
        var memberName = groups ? "group" : "agent";
        if (node is not JsonArray entries)
        {
            Error(path, $"must be an array of {expectedObjectType} objects but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(node))}");
            return;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entryPath = XapiPath.Index(path, i);
            if (entries[i] is null)
            {
                Error(entryPath, "must not be null");
                continue;
            }

            if (RequireObject(entries[i], entryPath) is not { } entry)
            {
                continue;
            }

            RejectUnknownProperties(entry, entryPath, groups ? ContextGroupProperties : ContextAgentProperties, $"a {expectedObjectType}");
            if (TryGetRequired(entry, "objectType", entryPath, out var objectTypeNode))
            {
                var objectTypePath = XapiPath.Property(entryPath, "objectType");
                if (RequireString(objectTypeNode, objectTypePath) is { } objectType && objectType != expectedObjectType)
                {
                    Error(objectTypePath, $"must be '{expectedObjectType}', got '{objectType}'");
                }
            }

            if (TryGetRequired(entry, memberName, entryPath, out var member))
            {
                var memberPath = XapiPath.Property(entryPath, memberName);
                var kind = ValidateActor(member, memberPath);
                if (groups && kind == ActorKind.Agent)
                {
                    Error(XapiPath.Property(memberPath, "objectType"), "must be a Group (objectType 'Group')");
                }
                else if (!groups && kind == ActorKind.Group)
                {
                    Error(XapiPath.Property(memberPath, "objectType"), "must be an Agent, not a Group (use contextGroups for Groups)");
                }
            }

            if (TryGet(entry, "relevantTypes", entryPath, out var relevantTypes))
            {
                var typesPath = XapiPath.Property(entryPath, "relevantTypes");
                if (relevantTypes is not JsonArray types)
                {
                    Error(typesPath, $"must be an array of IRIs but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(relevantTypes))}");
                }
                else if (types.Count == 0)
                {
                    Error(typesPath, "must contain at least one IRI when present");
                }
                else
                {
                    for (var t = 0; t < types.Count; t++)
                    {
                        if (types[t] is null)
                        {
                            Error(XapiPath.Index(typesPath, t), "must not be null");
                        }
                        else
                        {
                            ValidateIri(types[t]!, XapiPath.Index(typesPath, t));
                        }
                    }
                }
            }
        }
    }
}
