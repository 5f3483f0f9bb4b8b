namespace SevenTaps.Contracts;

/// <summary>
/// The Redis Stream through which ingest hands committed statements to the normalizer. An entry carries
/// the statement id (the statement itself stays in PostgreSQL) and the W3C traceparent of the hand-off,
/// so the worker continues the trace of the request that stored it.
/// </summary>
public static class StatementStream
{
    public const string Key = "seventaps:statements";
    public const string StatementIdField = "statement_id";
    public const string TraceParentField = "traceparent";

    /// <summary>
    /// Pub/sub channel on which ingest says "entries were added", so idle workers read at once instead of at their
    /// next poll. Only a hint: a lost message costs one poll interval, never an entry.
    /// </summary>
    public const string AddedChannel = "seventaps:statements:added";
}
