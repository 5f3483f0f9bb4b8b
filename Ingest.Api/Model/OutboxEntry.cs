namespace Ingest.Api.Model;

/// <summary>
/// A committed statement not yet handed to the Redis stream. Written in the same transaction as the
/// statement; deleted once the stream has it. Whatever is left here after a Redis outage is re-sent.
/// </summary>
public sealed class OutboxEntry
{
    public Guid StatementId { get; set; }

    /// <summary>The W3C traceparent of the ingest request, carried into the stream entry.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
