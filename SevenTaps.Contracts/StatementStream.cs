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
}
