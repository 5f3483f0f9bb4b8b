namespace Ingest.Api.Model;

/// <summary>Attachment content, stored once per SHA-2 hash however many statements reference it.</summary>
public sealed class StoredAttachment
{
    public required string Sha2 { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    public required byte[] Content { get; set; }
}
