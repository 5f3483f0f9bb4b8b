namespace Ingest.Api.Model;

/// <summary>
/// The statements one write transaction committed, not yet handed to the Redis stream. One row per
/// transaction (not per statement), written in that transaction and deleted once the stream has them, so the
/// hand-off costs one small row per commit. Whatever is left here after a Redis outage is re-sent.
/// </summary>
public sealed class OutboxBatch
{
    public long Id { get; set; }

    public Guid[] StatementIds { get; set; } = [];

    /// <summary>The W3C traceparent of each statement's ingest request (same order), carried into the stream entry.</summary>
    public string?[] TraceParents { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
