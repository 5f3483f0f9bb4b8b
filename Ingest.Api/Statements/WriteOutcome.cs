namespace Ingest.Api.Statements;

/// <summary>What became of one request's statements.</summary>
public abstract record WriteOutcome
{
    /// <summary>Stored, or already stored with equivalent content (a retry): either way a success.</summary>
    public sealed record Stored(IReadOnlyList<Guid> Ids) : WriteOutcome;

    /// <summary>A statement with this id exists with different content.</summary>
    public sealed record Conflict(Guid Id) : WriteOutcome;

    /// <summary>A rule that needs the stored statements failed (voiding a voiding statement).</summary>
    public sealed record Rejected(string Path, string Message) : WriteOutcome;

    /// <summary>The database could not be reached; nothing was stored.</summary>
    public sealed record Unavailable : WriteOutcome;
}

/// <summary>One request's statements, waiting to be written in a shared transaction.</summary>
public sealed class WriteRequest(
    IReadOnlyList<PreparedStatement> statements,
    IReadOnlyCollection<AttachmentPart> attachments,
    Guid credentialId,
    string? traceParent)
{
    public IReadOnlyList<PreparedStatement> Statements => statements;

    /// <summary>Attachment contents that came with the request (multipart/mixed).</summary>
    public IReadOnlyCollection<AttachmentPart> Attachments => attachments;

    public Guid CredentialId => credentialId;

    /// <summary>The W3C traceparent of the HTTP request, for the stream hand-off.</summary>
    public string? TraceParent => traceParent;

    public TaskCompletionSource<WriteOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
