namespace Ingest.Api.Model;

/// <summary>
/// One distinct definition a defining credential's statement gave an Activity (as object or context activity). The
/// Activities Resource merges an Activity's rows, oldest first; a definition given again moves to the newest place.
/// </summary>
public sealed class ActivityDefinition
{
    public long Id { get; set; }

    public required string ActivityId { get; set; }

    /// <summary>MD5 of the definition's JSONB text: one row per distinct definition of an Activity.</summary>
    public required string Digest { get; set; }

    /// <summary>The definition (JSONB).</summary>
    public required string Definition { get; set; }

    /// <summary>When a statement last gave this definition (its <c>stored</c>).</summary>
    public DateTimeOffset Defined { get; set; }
}
