namespace SevenTaps.Audit;

/// <summary>One administrative action: who did what to which target, when, and how it ended.</summary>
public sealed class AuditRecord
{
    /// <summary>A version 7 UUID: ordered by time, so it is also the paging cursor.</summary>
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What was done (<see cref="AuditActions"/>).</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to: an API key's prefix, a credential's key, an import's file name, a dead letter's entry id.</summary>
    public required string Target { get; set; }

    /// <summary>How it ended (<see cref="AuditOutcomes"/>).</summary>
    public required string Outcome { get; set; }

    /// <summary>What else is worth knowing: the scopes given, the rows imported, why it failed.</summary>
    public string? Detail { get; set; }

    /// <summary>How the actor reached us (<see cref="AuditActor.Api"/> or <see cref="AuditActor.CommandLine"/>).</summary>
    public required string Via { get; set; }

    /// <summary>The API key the request was signed in with; null for a command.</summary>
    public Guid? ApiKeyId { get; set; }

    public string? ApiKeyName { get; set; }

    /// <summary>The person: the dashboard's signed-in user it acted for, or the operating-system account that ran a command.</summary>
    public string? UserName { get; set; }

    /// <summary>The service (or command host) that performed the action.</summary>
    public required string Service { get; set; }
}
