namespace SevenTaps.ApiKeys;

/// <summary>A bearer API key. Only a PBKDF2 hash of the key is stored, and its first characters.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, to tell keys apart in listings.</summary>
    public required string Prefix { get; set; }

    public required string KeyHash { get; set; }

    /// <summary>What the key may do (<see cref="ApiKeyScopes"/>).</summary>
    public string[] Scopes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
