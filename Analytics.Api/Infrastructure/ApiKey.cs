namespace Analytics.Api.Infrastructure;

/// <summary>A bearer API key for the analytics API. Only a SHA-256 of the key is stored.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, to tell keys apart in listings.</summary>
    public required string Prefix { get; set; }

    public required string KeyHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
