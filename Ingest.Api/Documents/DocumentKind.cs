namespace Ingest.Api.Documents;

/// <summary>The three Document Resources of xAPI (Communication "Document Resources"), stored in one table.</summary>
public enum DocumentKind : short
{
    /// <summary><c>/activities/state</c>: an Activity, an Agent, an optional registration and a stateId.</summary>
    State = 0,

    /// <summary><c>/activities/profile</c>: an Activity and a profileId.</summary>
    ActivityProfile = 1,

    /// <summary><c>/agents/profile</c>: an Agent and a profileId.</summary>
    AgentProfile = 2,
}
