namespace SevenTaps.Xapi;

/// <summary>The "format" parameter of GET statements (1.0.3 Communication 2.1.3).</summary>
public enum StatementFormat
{
    /// <summary>Agent, Activity, Verb and Group objects exactly as received (the default).</summary>
    Exact,

    /// <summary>Only the minimum needed to identify Agents, Activities, Verbs and Groups.</summary>
    Ids,

    /// <summary>Canonical Activity definitions and Verb displays, filtered to one language per map.</summary>
    Canonical,
}
