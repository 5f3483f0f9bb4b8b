namespace Ingest.Api.Statements;

/// <summary>An attachment's content from a multipart/mixed request, identified by its SHA-256 (hex, lower case).</summary>
public sealed record AttachmentPart(string Sha2, string ContentType, byte[] Content);
