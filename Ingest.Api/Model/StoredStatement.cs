namespace Ingest.Api.Model;

/// <summary>
/// A statement as the LRS stored it: the full JSON (with the properties the LRS set) plus the columns the
/// GET filters and the hand-off need. Immutable once written, except <see cref="IsVoided"/>.
/// </summary>
public sealed class StoredStatement
{
    public Guid Id { get; set; }

    /// <summary>Insertion order: the cursor for paging and for X-Experience-API-Consistent-Through.</summary>
    public long Sequence { get; set; }

    /// <summary>The statement in "exact" format, as returned by GET.</summary>
    public required string Statement { get; set; }

    public DateTimeOffset Stored { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string VerbId { get; set; }

    /// <summary>The object's id when the object is an Activity.</summary>
    public string? ActivityId { get; set; }

    public Guid? Registration { get; set; }

    /// <summary>Identifiers (IFI keys) of the actor and of an Agent/Group object: the <c>agent</c> filter.</summary>
    public string[] Agents { get; set; } = [];

    /// <summary>Every agent anywhere in the statement: the <c>related_agents</c> filter.</summary>
    public string[] RelatedAgents { get; set; } = [];

    /// <summary>Every activity anywhere in the statement: the <c>related_activities</c> filter.</summary>
    public string[] RelatedActivities { get; set; } = [];

    /// <summary>The statement a StatementRef object points at: GET filters also match statements that refer to a match.</summary>
    public Guid? ObjectStatementId { get; set; }

    /// <summary>For a voiding statement, the statement it voids.</summary>
    public Guid? VoidsStatementId { get; set; }

    public bool IsVoided { get; set; }

    /// <summary>The credential that wrote it (for the statements/read/mine scope).</summary>
    public Guid? CredentialId { get; set; }

    /// <summary>The W3C trace id of the request that stored it, so an operator can find the trace from a statement.</summary>
    public string? TraceId { get; set; }
}
