namespace SevenTaps.Contracts;

/// <summary>
/// What makes an LRS key/secret pair or an API key acceptable. The services enforce it when storing one, and AppHost
/// checks the development ones it is given (SEVENTAPS_XAPI_KEY/SECRET, SEVENTAPS_API_KEY) before starting anything,
/// so a bad value is one clear message rather than a service that fails at every start.
/// </summary>
public static class CredentialRules
{
    public const int MinimumLrsLength = 8;
    public const int MinimumApiKeyLength = 16;

    /// <summary>Why the pair cannot be used as an HTTP Basic LRS credential, or null when it can.</summary>
    public static string? LrsCredentialProblem(string key, string secret) =>
        key.Contains(':') ? "the key must not contain ':' (HTTP Basic separates key and secret with it)"
        : key.Length < MinimumLrsLength || secret.Length < MinimumLrsLength ? $"key and secret need at least {MinimumLrsLength} characters each"
        : null;

    /// <summary>Why the value cannot be a bearer API key, or null when it can.</summary>
    public static string? ApiKeyProblem(string key) =>
        key.Length < MinimumApiKeyLength ? $"an API key needs at least {MinimumApiKeyLength} characters"
        : key.Any(char.IsWhiteSpace) ? "an API key must not contain white space"
        : null;
}
