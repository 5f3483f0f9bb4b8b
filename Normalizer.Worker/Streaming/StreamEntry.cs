using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>One entry of the statement stream.</summary>
/// <param name="Id">The entry id (what is acknowledged).</param>
/// <param name="StatementId">The statement it hands over; null when the field is missing or not a UUID.</param>
/// <param name="RawStatementId">The field as sent, for the dead-letter record.</param>
/// <param name="TraceParent">The W3C traceparent of ingest's producer span, when sent.</param>
internal sealed record StreamEntry(string Id, Guid? StatementId, string? RawStatementId, string? TraceParent)
{
    public static StreamEntry From(StackExchange.Redis.StreamEntry entry)
    {
        var raw = entry[SevenTaps.Contracts.StatementStream.StatementIdField];
        var traceParent = entry[SevenTaps.Contracts.StatementStream.TraceParentField];
        return new StreamEntry(
            entry.Id.ToString(),
            Guid.TryParseExact(raw.ToString(), "D", out var id) ? id : null,
            raw.IsNull ? null : raw.ToString(),
            traceParent.IsNull ? null : traceParent.ToString());
    }
}
