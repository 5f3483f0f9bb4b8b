namespace Ingest.Tests;

/// <summary>
/// Addresses of documents in the three Document Resources, for tests: each instance is a fresh Activity and Agent,
/// so tests never see each other's documents.
/// </summary>
public sealed class DocumentResource(string name)
{
    public static readonly DocumentResource State = new("state");
    public static readonly DocumentResource ActivityProfile = new("activity-profile");
    public static readonly DocumentResource AgentProfile = new("agent-profile");

    public static TheoryData<string> All => new(State.Name, ActivityProfile.Name, AgentProfile.Name);

    public static DocumentResource Named(string name) => new(name);

    public string Name => name;

    public bool IsState => name == "state";

    /// <summary>The Activity every address of this instance uses.</summary>
    public string ActivityId { get; } = $"https://courses.example.com/{Guid.NewGuid():N}";

    /// <summary>The Agent every address of this instance uses.</summary>
    public string AgentMbox { get; } = $"mailto:{Guid.NewGuid():N}@example.com";

    public string AgentJson => new JsonObject { ["objectType"] = "Agent", ["mbox"] = AgentMbox }.ToJsonString();

    /// <summary>The resource's URL for one document (<paramref name="id"/>) or a list (null), with more parameters appended.</summary>
    public string Url(string? id, string extra = "")
    {
        var (path, context, idName) = name switch
        {
            "state" => ("activities/state", $"activityId={Escape(ActivityId)}&agent={Escape(AgentJson)}", "stateId"),
            "activity-profile" => ("activities/profile", $"activityId={Escape(ActivityId)}", "profileId"),
            _ => ("agents/profile", $"agent={Escape(AgentJson)}", "profileId"),
        };
        var url = $"/xapi/{path}?{context}";
        if (id is not null)
        {
            url += $"&{idName}={Escape(id)}";
        }
        return url + extra;
    }

    public override string ToString() => name;

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
