using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>What the "object" of a Statement turned out to be.</summary>
internal enum StatementObjectKind
{
    Invalid,
    Activity,
    Agent,
    Group,
    StatementRef,
    SubStatement,
}

// The Statement "object": Activity (+ Activity Definition and interactions), Agent/Group,
// StatementRef and SubStatement (1.0.3 Data 2.4.4).
internal sealed partial class StatementValidationRun
{
    private static readonly HashSet<string> ActivityProperties = ["objectType", "id", "definition"];

    private static readonly HashSet<string> ActivityDefinitionProperties =
    [
        "name", "description", "type", "moreInfo", "extensions",
        "interactionType", "correctResponsesPattern", "choices", "scale", "source", "target", "steps",
    ];

    private static readonly HashSet<string> InteractionComponentProperties = ["id", "description"];

    private static readonly HashSet<string> StatementRefProperties = ["objectType", "id"];

    private StatementObjectKind ValidateStatementObject(JsonNode node, string path, bool insideSubStatement)
    {
        if (RequireObject(node, path) is not { } obj)
        {
            return StatementObjectKind.Invalid;
        }

        var objectTypePath = XapiPath.Property(path, "objectType");
        if (!obj.ContainsKey("objectType"))
        {
            // objectType defaults to Activity (Data 2.4.4.s2), but an Agent or Group used as an object
            // MUST specify objectType (Data 2.4.4.2.s1.b1). Report that instead of "id is required".
            if (!obj.ContainsKey("id") && (InverseFunctionalIdentifier.PresentOn(obj).Count > 0 || obj.ContainsKey("member")))
            {
                Error(objectTypePath, "is required when the object is an Agent or Group");
                return StatementObjectKind.Invalid;
            }

            ValidateActivity(obj, path);
            return StatementObjectKind.Activity;
        }

        if (!TryGet(obj, "objectType", path, out var objectTypeNode) || RequireString(objectTypeNode, objectTypePath) is not { } objectType)
        {
            return StatementObjectKind.Invalid;
        }

        switch (objectType)
        {
            case "Activity":
                ValidateActivity(obj, path);
                return StatementObjectKind.Activity;
            case "Agent" or "Group":
                return ValidateActor(obj, path) == ActorKind.Group ? StatementObjectKind.Group : StatementObjectKind.Agent;
            case "StatementRef":
                ValidateStatementRef(obj, path);
                return StatementObjectKind.StatementRef;
            case "SubStatement" when insideSubStatement:
                Error(objectTypePath, "a SubStatement MUST NOT contain a SubStatement of its own");
                return StatementObjectKind.Invalid;
            case "SubStatement":
                ValidateStatement(obj, path, isSubStatement: true);
                return StatementObjectKind.SubStatement;
            default:
                Error(objectTypePath, $"must be one of Activity, Agent, Group, StatementRef or SubStatement, got '{objectType}'");
                return StatementObjectKind.Invalid;
        }
    }

    /// <summary>
    /// Activity (Data 2.4.4.1): "id" (IRI) is required; objectType MUST be "Activity" when present.
    /// Also used for the Activities inside contextActivities.
    /// </summary>
    private void ValidateActivity(JsonNode? node, string path)
    {
        if (node is null)
        {
            Error(path, "must not be null");
            return;
        }

        if (RequireObject(node, path) is not { } activity)
        {
            return;
        }

        RejectUnknownProperties(activity, path, ActivityProperties, "an Activity");
        if (TryGet(activity, "objectType", path, out var objectTypeNode))
        {
            var objectTypePath = XapiPath.Property(path, "objectType");
            if (RequireString(objectTypeNode, objectTypePath) is { } objectType && objectType != "Activity")
            {
                Error(objectTypePath, $"must be 'Activity' when present, got '{objectType}'");
            }
        }

        if (TryGetRequired(activity, "id", path, out var id))
        {
            ValidateIri(id, XapiPath.Property(path, "id"));
        }

        if (TryGet(activity, "definition", path, out var definition))
        {
            ValidateActivityDefinition(definition, XapiPath.Property(path, "definition"));
        }
    }

    /// <summary>
    /// Activity Definition (Data 2.4.4.1.s2) including the Interaction Activity properties (s8–s16).
    /// </summary>
    private void ValidateActivityDefinition(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } definition)
        {
            return;
        }

        RejectUnknownProperties(definition, path, ActivityDefinitionProperties, "an Activity Definition");
        ValidateOptionalLanguageMap(definition, "name", path);
        ValidateOptionalLanguageMap(definition, "description", path);
        if (TryGet(definition, "type", path, out var type))
        {
            ValidateIri(type, XapiPath.Property(path, "type"));
        }

        if (TryGet(definition, "moreInfo", path, out var moreInfo))
        {
            ValidateIrl(moreInfo, XapiPath.Property(path, "moreInfo"));
        }

        ValidateOptionalExtensions(definition, path);
        ValidateInteraction(definition, path);
    }

    /// <summary>
    /// Interaction Activities MUST have a valid interactionType (2.4.4.1.s13.b1); only the component lists
    /// supported by that type may be used (s15 table); component ids MUST be distinct within a list (s16.b1).
    /// </summary>
    private void ValidateInteraction(JsonObject definition, string path)
    {
        var interactionTypePath = XapiPath.Property(path, "interactionType");
        string? interactionType = null;
        var interactionTypeValid = false;
        if (TryGet(definition, "interactionType", path, out var interactionTypeNode))
        {
            interactionType = RequireString(interactionTypeNode, interactionTypePath);
            interactionTypeValid = InteractionTypes.IsValid(interactionType);
            if (interactionType is not null && !interactionTypeValid)
            {
                Error(interactionTypePath,
                    $"must be one of {string.Join(", ", InteractionTypes.SupportedComponentLists.Keys)}, got '{interactionType}'");
            }
        }

        var usesInteractionProperties = definition.ContainsKey("correctResponsesPattern")
            || InteractionTypes.ComponentListNames.Any(definition.ContainsKey);
        if (usesInteractionProperties && !definition.ContainsKey("interactionType"))
        {
            Error(interactionTypePath, "is required when correctResponsesPattern or interaction component lists are used");
        }

        if (TryGet(definition, "correctResponsesPattern", path, out var pattern))
        {
            ValidateStringArray(pattern, XapiPath.Property(path, "correctResponsesPattern"));
        }

        foreach (var listName in InteractionTypes.ComponentListNames)
        {
            if (!TryGet(definition, listName, path, out var list))
            {
                continue;
            }

            var listPath = XapiPath.Property(path, listName);
            if (interactionTypeValid && !InteractionTypes.SupportedComponentLists[interactionType!].Contains(listName))
            {
                Error(listPath, $"is not a supported interaction component list for interactionType '{interactionType}'");
            }

            ValidateInteractionComponents(list, listPath);
        }
    }

    private void ValidateInteractionComponents(JsonNode node, string path)
    {
        if (node is not JsonArray components)
        {
            Error(path, $"must be an array of interaction components but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(node))}");
            return;
        }

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < components.Count; i++)
        {
            var componentPath = XapiPath.Index(path, i);
            if (components[i] is null)
            {
                Error(componentPath, "must not be null");
                continue;
            }

            if (RequireObject(components[i], componentPath) is not { } component)
            {
                continue;
            }

            RejectUnknownProperties(component, componentPath, InteractionComponentProperties, "an interaction component");
            if (TryGetRequired(component, "id", componentPath, out var idNode)
                && RequireString(idNode, XapiPath.Property(componentPath, "id")) is { } id
                && !seenIds.Add(id))
            {
                Error(XapiPath.Property(componentPath, "id"), $"'{id}' is already used by another component of this list; ids MUST be distinct");
            }

            ValidateOptionalLanguageMap(component, "description", componentPath);
        }
    }

    private void ValidateStringArray(JsonNode node, string path)
    {
        if (node is not JsonArray array)
        {
            Error(path, $"must be an array of strings but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(node))}");
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is null)
            {
                Error(XapiPath.Index(path, i), "must not be null");
            }
            else
            {
                RequireString(array[i]!, XapiPath.Index(path, i));
            }
        }
    }

    /// <summary>
    /// Statement Reference (Data 2.4.4.3): objectType MUST be "StatementRef" and "id" MUST be a UUID.
    /// Also used for context.statement, where objectType is therefore required as well.
    /// </summary>
    private void ValidateStatementRef(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } reference)
        {
            return;
        }

        RejectUnknownProperties(reference, path, StatementRefProperties, "a StatementRef");
        if (TryGetRequired(reference, "objectType", path, out var objectTypeNode))
        {
            var objectTypePath = XapiPath.Property(path, "objectType");
            if (RequireString(objectTypeNode, objectTypePath) is { } objectType && objectType != "StatementRef")
            {
                Error(objectTypePath, $"must be 'StatementRef', got '{objectType}'");
            }
        }

        if (TryGetRequired(reference, "id", path, out var id))
        {
            ValidateUuid(id, XapiPath.Property(path, "id"));
        }
    }
}
