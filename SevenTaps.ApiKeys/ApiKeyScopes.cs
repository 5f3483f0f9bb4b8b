namespace SevenTaps.ApiKeys;

/// <summary>What an API key may do. Each scope is also the name of the authorization policy that requires it.</summary>
public static class ApiKeyScopes
{
    /// <summary>Read the analytics API.</summary>
    public const string Analytics = "analytics";

    /// <summary>Operations: imports, dead letters, the lesson catalogue, re-normalization.</summary>
    public const string Admin = "admin";

    /// <summary>Ask Seven (the agent) and run guarded read-only SQL through it.</summary>
    public const string Agent = "agent";

    /// <summary>
    /// Trusted to name, in <see cref="SevenTaps.Contracts.AuditHeaders.OnBehalfOf"/>, the signed-in person it calls for:
    /// audit records then name that person beside the key. The dashboard's own key has it; from a key without it the
    /// header does not reach the audit trail.
    /// </summary>
    public const string OnBehalf = "on-behalf";

    /// <summary>The claim type that carries a key's scopes.</summary>
    public const string ClaimType = "scope";

    public static IReadOnlyList<string> All { get; } = [Analytics, Admin, Agent, OnBehalf];

    /// <summary>Parses <c>analytics,admin</c>; null (with the offending name) when a scope is unknown or none is given.</summary>
    public static string[]? Parse(string text, out string? unknown)
    {
        var scopes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
        unknown = scopes.FirstOrDefault(scope => !All.Contains(scope));
        return scopes.Length == 0 || unknown is not null ? null : scopes;
    }
}
