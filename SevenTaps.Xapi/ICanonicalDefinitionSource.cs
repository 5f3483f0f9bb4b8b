using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>
/// Where the LRS keeps its canonical Activity definitions and Verb displays (1.0.3 Data 2.4.3.s6.b4,
/// 2.4.4.1.s4, Communication 2.1.3 "canonical"). The formatter falls back to what the Statement itself
/// carries when this returns null.
/// </summary>
public interface ICanonicalDefinitionSource
{
    /// <summary>The canonical Activity Definition object for an Activity id, or null if unknown.</summary>
    JsonObject? GetActivityDefinition(string activityId);

    /// <summary>The canonical display Language Map for a Verb id, or null if unknown.</summary>
    JsonObject? GetVerbDisplay(string verbId);
}
