using System.Text.Json.Nodes;
using SevenTaps.Xapi;

namespace Ingest.Api.Statements;

/// <summary>Canonical definitions found for one GET, for <see cref="StatementFormatter"/>; the LRS keeps no canonical Verb displays.</summary>
public sealed class FoundDefinitions(IReadOnlyDictionary<string, JsonObject> definitions) : ICanonicalDefinitionSource
{
    public JsonObject? GetActivityDefinition(string activityId) => definitions.GetValueOrDefault(activityId);

    public JsonObject? GetVerbDisplay(string verbId) => null;
}
