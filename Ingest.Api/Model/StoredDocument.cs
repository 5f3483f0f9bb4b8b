using Ingest.Api.Documents;

namespace Ingest.Api.Model;

/// <summary>
/// One document of the State, Activity Profile or Agent Profile resource. The parts of its address a resource does
/// not use are empty (an Agent Profile has no activity), so that one unique index over the whole address serves all three.
/// </summary>
public sealed class StoredDocument
{
    public long Id { get; set; }

    public DocumentKind Kind { get; set; }

    /// <summary>The Activity id (IRI), or empty for the Agent Profile resource.</summary>
    public required string ActivityId { get; set; }

    /// <summary>The Agent's canonical inverse functional identifier, or empty for the Activity Profile resource.</summary>
    public required string Agent { get; set; }

    /// <summary>The registration of a State document, when it was given.</summary>
    public Guid? Registration { get; set; }

    /// <summary>The stateId or profileId.</summary>
    public required string DocumentId { get; set; }

    public required byte[] Content { get; set; }

    public required string ContentType { get; set; }

    /// <summary>Lower-case hexadecimal SHA-1 of the content, unquoted (Communication "Concurrency").</summary>
    public required string ETag { get; set; }

    public DateTimeOffset Updated { get; set; }
}
