using System.ComponentModel.DataAnnotations;

namespace Agent.Api.Model;

/// <summary>Which kind of endpoint the model engine talks to.</summary>
public enum ModelKind
{
    /// <summary>No model: Seven answers with the offline engine only (the default).</summary>
    None,

    /// <summary>Azure OpenAI: <see cref="ModelOptions.Endpoint"/> is the resource, <see cref="ModelOptions.Model"/> the deployment.</summary>
    Azure,

    /// <summary>OpenAI's own API (the endpoint may be left out).</summary>
    OpenAI,

    /// <summary>Any OpenAI-compatible server (Ollama, vLLM, a test's fake): the endpoint is required, the key optional.</summary>
    Compatible,
}

/// <summary>
/// The model engine's endpoint (configuration section <c>Agent:Model</c>; AppHost passes <c>SEVENTAPS_MODEL_*</c> through). Validated at
/// start: a configured kind needs what it needs to connect, so a typo fails the start instead of the first question.
/// With <see cref="ModelKind.None"/> nothing is required and Seven answers with the offline engine alone. The key is a
/// secret: nothing logs these options.
/// </summary>
public sealed class ModelOptions : IValidatableObject
{
    public const string SectionName = "Agent:Model";

    public ModelKind Kind { get; set; } = ModelKind.None;

    /// <summary>Base URL: the Azure resource, or the compatible server's <c>/v1</c> root.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model name (Azure: the deployment name).</summary>
    public string? Model { get; set; }

    public string? Key { get; set; }

    /// <summary>Whether the model may see learners' free text and identities. Off by default: answers can carry instructions.</summary>
    public bool ShareLearnerText { get; set; }

    /// <summary>Tries at writing SQL the guard accepts and PostgreSQL runs, each after the previous one's error.</summary>
    [Range(1, 10)]
    public int MaxSqlAttempts { get; set; } = 3;

    /// <summary>How long one request to the model may take before the answer says the model did not respond.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == ModelKind.None)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new($"Agent:Model:Model is required for a {Kind} model.", [nameof(Model)]);
        }
        if (Kind is ModelKind.Azure or ModelKind.Compatible && Endpoint is null)
        {
            yield return new($"Agent:Model:Endpoint is required for a {Kind} model.", [nameof(Endpoint)]);
        }
        if (Endpoint is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") })
        {
            yield return new("Agent:Model:Endpoint must be an absolute http(s) URL.", [nameof(Endpoint)]);
        }
        if (Kind is ModelKind.Azure or ModelKind.OpenAI && string.IsNullOrWhiteSpace(Key))
        {
            yield return new($"Agent:Model:Key is required for a {Kind} model.", [nameof(Key)]);
        }
    }
}
