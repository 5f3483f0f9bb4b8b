namespace Ingest.Api.Model;

/// <summary>An LRS client credential: HTTP Basic key and secret (stored as a salted hash) with xAPI scopes.</summary>
public sealed class LrsCredential
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Key { get; set; }

    public required string SecretHash { get; set; }

    public string[] Scopes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
