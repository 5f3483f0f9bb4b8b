namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// Seven's model endpoint, given to AppHost as <c>SEVENTAPS_MODEL_*</c> (environment or command line) and passed to the
/// agent alone as its <c>Agent:Model</c> settings; AppHost scrubs SEVENTAPS_* from its own environment, so no other
/// process sees the key. Nothing is set when a variable is absent (the agent then has no model).
/// </summary>
internal static class ModelSettings
{
    private static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["SEVENTAPS_MODEL_KIND"] = "Agent__Model__Kind",
        ["SEVENTAPS_MODEL_ENDPOINT"] = "Agent__Model__Endpoint",
        ["SEVENTAPS_MODEL_NAME"] = "Agent__Model__Model",
        ["SEVENTAPS_MODEL_KEY"] = "Agent__Model__Key",
        ["SEVENTAPS_MODEL_SHARE_LEARNER_TEXT"] = "Agent__Model__ShareLearnerText",
        ["SEVENTAPS_MODEL_MAX_SQL_ATTEMPTS"] = "Agent__Model__MaxSqlAttempts",
        ["SEVENTAPS_MODEL_TIMEOUT"] = "Agent__Model__RequestTimeout",
    };

    public static IResourceBuilder<T> WithModelSettings<T>(this IResourceBuilder<T> builder, IConfiguration configuration)
        where T : IResourceWithEnvironment
    {
        foreach (var (variable, setting) in Variables)
        {
            builder.WithSecret(setting, configuration[variable] is { Length: > 0 } value ? value : null);
        }
        return builder;
    }
}
