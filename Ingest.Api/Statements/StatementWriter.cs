using System.Threading.Channels;
using Ingest.Api.Streaming;
using Microsoft.Extensions.Options;

namespace Ingest.Api.Statements;

/// <summary>
/// Group commit: concurrent requests queue their statements here, and a few writer loops each take whatever
/// has queued up (up to <see cref="XapiOptions.WriterBatchSize"/> statements) and write it in one transaction.
/// Under load that turns hundreds of single-statement PUTs into a handful of commits. A lone request (nothing
/// queued, a writer free) is written by the request itself: handing it to a loop and back would cost two thread
/// wake-ups, a large share of a statement's CPU when they trickle in one at a time. At most
/// <see cref="XapiOptions.WriterConcurrency"/> transactions are open either way. A request is answered only after its
/// transaction committed.
/// </summary>
public sealed class StatementWriter(
    StatementStore store,
    StatementPublisher publisher,
    IOptions<XapiOptions> options,
    ILogger<StatementWriter> logger) : BackgroundService
{
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleWriter = false });

    private readonly SemaphoreSlim _writers = new(options.Value.WriterConcurrency, options.Value.WriterConcurrency);

    public async Task<WriteOutcome> WriteAsync(WriteRequest request, CancellationToken cancellationToken)
    {
        if (_queue.Reader.Count == 0 && _writers.Wait(0))
        {
            try
            {
                await WriteBatchAsync([request]);
            }
            finally
            {
                _writers.Release();
            }
            return await request.Completion.Task;
        }
        await _queue.Writer.WriteAsync(request, cancellationToken);
        // The request is in a transaction or about to be: its outcome is awaited even if the client goes away,
        // so that nothing is acknowledged that was not stored and nothing stored goes unreported in logs.
        return await request.Completion.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.WriterConcurrency).Select(_ => WriteLoopAsync(stoppingToken)));

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<WriteRequest>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await _writers.WaitAsync(stoppingToken);
                try
                {
                    batch.Clear();
                    var statements = 0;
                    while (statements < options.Value.WriterBatchSize && _queue.Reader.TryRead(out var request))
                    {
                        batch.Add(request);
                        statements += request.Statements.Count;
                    }
                    if (batch.Count > 0)
                    {
                        await WriteBatchAsync(batch);
                    }
                }
                finally
                {
                    _writers.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Shutting down: whatever is still queued was never written; say so rather than leave callers waiting.
            while (_queue.Reader.TryRead(out var request))
            {
                request.Completion.TrySetResult(new WriteOutcome.Unavailable());
            }
        }
    }

    private async Task WriteBatchAsync(IReadOnlyList<WriteRequest> batch)
    {
        var sentOutboxRows = publisher.TakeSent();
        try
        {
            // Not cancelled by shutdown: a started transaction is finished, so its callers get a true answer.
            var stored = await store.WriteAsync(batch, sentOutboxRows, CancellationToken.None);
            for (var index = 0; index < batch.Count; index++)
            {
                batch[index].Completion.TrySetResult(stored.Outcomes[index]);
            }
            if (stored.HandOff is { } handOff)
            {
                publisher.Publish(handOff);
            }
        }
        catch (Exception exception)
        {
            publisher.MarkSent(sentOutboxRows);
            logger.LogError(exception, "Writing {Count} request(s) failed; they are answered 503 and nothing was stored", batch.Count);
            foreach (var request in batch)
            {
                request.Completion.TrySetResult(new WriteOutcome.Unavailable());
            }
        }
    }
}
