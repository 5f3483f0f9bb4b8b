using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Ingest.Api.Statements;

/// <summary>
/// A JSON body parsed from an array rented from the shared pool, into a document whose metadata is rented too.
/// A batch of 1,000 statements is about 1.4 MB: read into a new array and parsed into a new document (as
/// <c>JsonNode.ParseAsync</c> does), both land on the large object heap, and at tens of batches a second they made
/// the collector run a full collection every second. Disposing returns both arrays; nothing read from the
/// document (a <c>JsonNode</c> made from its elements included) may be used after that.
/// </summary>
public sealed class PooledJsonDocument : IDisposable
{
    private const int FirstRead = 16 * 1024;
    // Content-Length only sizes the first rent up to this: the server's body size limit applies as the body is read,
    // so a request that merely claims a huge length must not get a huge array first.
    private const int LargestFirstRead = 4 * 1024 * 1024;

    private byte[] _utf8;
    private JsonDocument? _document;

    private PooledJsonDocument(byte[] utf8, JsonDocument document)
    {
        _utf8 = utf8;
        _document = document;
    }

    public JsonElement RootElement => (_document ?? throw new ObjectDisposedException(nameof(PooledJsonDocument))).RootElement;

    /// <summary>Reads <paramref name="body"/> to its end and parses it; <paramref name="expectedLength"/> (Content-Length) sizes the first rent.</summary>
    /// <exception cref="JsonException">The body is not valid UTF-8 JSON.</exception>
    public static async Task<PooledJsonDocument> ParseAsync(
        Stream body, long? expectedLength, JsonDocumentOptions options, CancellationToken cancellationToken)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(expectedLength is > 0 ? (int)Math.Min(expectedLength.Value + 1, LargestFirstRead) : FirstRead);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == utf8.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(checked(utf8.Length * 2));
                    utf8.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(utf8);
                    utf8 = larger;
                }
                var read = await body.ReadAsync(utf8.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            // The parser checks the UTF-8 of a string only when it is read as text, which then threw past the JSON
            // error handling (500); a body that is not UTF-8 is a client error, answered before anything else.
            if (!Utf8.IsValid(utf8.AsSpan(0, length)))
            {
                throw new JsonException("The body is not valid UTF-8.");
            }
            return new PooledJsonDocument(utf8, JsonDocument.Parse(utf8.AsMemory(0, length), options));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(utf8);
            throw;
        }
    }

    public void Dispose()
    {
        if (_document is not null)
        {
            _document.Dispose();
            _document = null;
            ArrayPool<byte>.Shared.Return(_utf8);
            _utf8 = [];
        }
    }
}
