using System.Net;

namespace Dashboard.Web.Services;

/// <summary>A request body copied from <paramref name="source"/> as it is sent, reporting the bytes sent so far: an upload's real progress.</summary>
public sealed class ProgressContent : HttpContent
{
    private const int ChunkBytes = 64 * 1024;
    private readonly Stream source;
    private readonly long length;
    private readonly IProgress<long> progress;

    public ProgressContent(Stream source, long length, string mediaType, IProgress<long> progress)
    {
        (this.source, this.length, this.progress) = (source, length, progress);
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The upload is sent asynchronously.");

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        long sent = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            sent += read;
            progress.Report(sent);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = this.length;
        return true;
    }
}
