namespace SevenTaps.Xapi;

/// <summary>
/// The interaction types of Interaction Activities and the interaction component lists each one supports
/// (1.0.3 Data 2.4.4.1, "Interaction Types" and "Interaction Components" tables).
/// </summary>
public static class InteractionTypes
{
    /// <summary>Every component list property of an Activity Definition.</summary>
    public static IReadOnlyList<string> ComponentListNames { get; } = ["choices", "scale", "source", "target", "steps"];

    /// <summary>interactionType value → the component lists it supports (case-sensitive values).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> SupportedComponentLists { get; } =
        new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            ["true-false"] = new HashSet<string>(),
            ["choice"] = new HashSet<string> { "choices" },
            ["fill-in"] = new HashSet<string>(),
            ["long-fill-in"] = new HashSet<string>(),
            ["matching"] = new HashSet<string> { "source", "target" },
            ["performance"] = new HashSet<string> { "steps" },
            ["sequencing"] = new HashSet<string> { "choices" },
            ["likert"] = new HashSet<string> { "scale" },
            ["numeric"] = new HashSet<string>(),
            ["other"] = new HashSet<string>(),
        };

    public static bool IsValid(string? interactionType) =>
        interactionType is not null && SupportedComponentLists.ContainsKey(interactionType);
}
