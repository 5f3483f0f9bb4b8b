using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>
/// The values ingest indexes for a validated Statement, chosen to answer the GET statements filters
/// (1.0.3 Communication 2.1.3): agent / related_agents, verb, activity / related_activities, registration,
/// and voiding (Data 2.3.2).
/// </summary>
/// <param name="StatementId">Lower-case UUID, or null when the LRS has not assigned one yet.</param>
/// <param name="ActorIfi">Canonical IFI of the actor (see <see cref="InverseFunctionalIdentifier"/>); null for an Anonymous Group.</param>
/// <param name="VerbId">The Verb IRI, verbatim (IRIs are compared by simple string comparison).</param>
/// <param name="ObjectActivityId">The object's Activity id when the object is an Activity.</param>
/// <param name="ObjectAgentIfi">The object's canonical IFI when the object is an Agent or Identified Group.</param>
/// <param name="ObjectStatementRefId">Lower-case UUID when the object is a StatementRef.</param>
/// <param name="VoidedStatementId">The target when this is a voiding Statement (verb voided + StatementRef).</param>
/// <param name="Registration">Lower-case context.registration UUID.</param>
/// <param name="RelatedActivityIds">
/// Distinct Activity ids of the object, all contextActivities, and the same inside a SubStatement
/// (the related_activities definition).
/// </param>
/// <param name="RelatedAgentIfis">
/// Distinct canonical IFIs of the actor, object, authority, instructor, team, 2.0 contextAgents/contextGroups,
/// and the same inside a SubStatement (the related_agents definition). Anonymous Groups have no IFI, so
/// their members' IFIs are listed instead (this is how the user inside a 3-legged OAuth authority Group is
/// found); Identified Groups contribute only their own IFI.
/// </param>
public sealed record StatementIndexKeys(
    string? StatementId,
    string? ActorIfi,
    string? VerbId,
    string? ObjectActivityId,
    string? ObjectAgentIfi,
    string? ObjectStatementRefId,
    string? VoidedStatementId,
    string? Registration,
    IReadOnlyList<string> RelatedActivityIds,
    IReadOnlyList<string> RelatedAgentIfis)
{
    /// <summary>The reserved voiding Verb (Data 2.3.2).</summary>
    public const string VoidedVerbId = "http://adlnet.gov/expapi/verbs/voided";

    /// <summary>Extracts the keys. The Statement is expected to have passed <see cref="StatementValidator"/>.</summary>
    public static StatementIndexKeys From(JsonObject statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var activities = new List<string>();
        var agents = new List<string>();

        CollectStatement(statement, activities, agents);
        AddAgent(statement["authority"], agents);

        var obj = statement["object"] as JsonObject;
        var objectType = obj is null ? null : JsonNodeKinds.AsString(obj["objectType"]) ?? "Activity";
        var verbId = JsonNodeKinds.AsString((statement["verb"] as JsonObject)?["id"]);
        var statementRefId = objectType == "StatementRef" ? Uuid(obj!["id"]) : null;

        return new StatementIndexKeys(
            StatementId: Uuid(statement["id"]),
            ActorIfi: InverseFunctionalIdentifier.GetCanonical(statement["actor"]),
            VerbId: verbId,
            ObjectActivityId: objectType == "Activity" ? JsonNodeKinds.AsString(obj!["id"]) : null,
            ObjectAgentIfi: objectType is "Agent" or "Group" ? InverseFunctionalIdentifier.GetCanonical(obj) : null,
            ObjectStatementRefId: statementRefId,
            VoidedStatementId: verbId == VoidedVerbId ? statementRefId : null,
            Registration: Uuid((statement["context"] as JsonObject)?["registration"]),
            RelatedActivityIds: activities.Distinct(StringComparer.Ordinal).ToList(),
            RelatedAgentIfis: agents.Distinct(StringComparer.Ordinal).ToList());
    }

    // Actor, object, context; recursing once into a SubStatement object.
    private static void CollectStatement(JsonObject statement, List<string> activities, List<string> agents)
    {
        AddAgent(statement["actor"], agents);

        if (statement["object"] is JsonObject obj)
        {
            switch (JsonNodeKinds.AsString(obj["objectType"]))
            {
                case null or "Activity":
                    AddActivity(obj, activities);
                    break;
                case "Agent" or "Group":
                    AddAgent(obj, agents);
                    break;
                case "SubStatement":
                    CollectStatement(obj, activities, agents);
                    break;
            }
        }

        if (statement["context"] is not JsonObject context)
        {
            return;
        }

        AddAgent(context["instructor"], agents);
        AddAgent(context["team"], agents);

        if (context["contextActivities"] is JsonObject contextActivities)
        {
            foreach (var (_, value) in contextActivities)
            {
                switch (value)
                {
                    case JsonObject single:
                        AddActivity(single, activities);
                        break;
                    case JsonArray many:
                        foreach (var activity in many.OfType<JsonObject>())
                        {
                            AddActivity(activity, activities);
                        }

                        break;
                }
            }
        }

        foreach (var (listName, memberName) in new[] { ("contextAgents", "agent"), ("contextGroups", "group") })
        {
            if (context[listName] is JsonArray entries)
            {
                foreach (var entry in entries.OfType<JsonObject>())
                {
                    AddAgent(entry[memberName], agents);
                }
            }
        }
    }

    private static void AddActivity(JsonObject activity, List<string> activities)
    {
        if (JsonNodeKinds.AsString(activity["id"]) is { } id)
        {
            activities.Add(id);
        }
    }

    private static void AddAgent(JsonNode? node, List<string> agents)
    {
        if (node is not JsonObject agent)
        {
            return;
        }

        if (InverseFunctionalIdentifier.GetCanonical(agent) is { } ifi)
        {
            agents.Add(ifi);
        }
        else if (agent["member"] is JsonArray members)
        {
            foreach (var member in members)
            {
                AddAgent(member, agents);
            }
        }
    }

    private static string? Uuid(JsonNode? node) =>
        JsonNodeKinds.AsString(node) is { } text && XapiUuid.IsValid(text) ? XapiUuid.Normalize(text) : null;
}
