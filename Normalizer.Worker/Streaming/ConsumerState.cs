namespace Normalizer.Worker.Streaming;

/// <summary>What the health check knows about the consumer loop.</summary>
internal sealed class ConsumerState
{
    private volatile string? _failure;
    private volatile bool _running;

    public bool IsRunning => _running;

    /// <summary>Why the loop ended, when it ended by an exception.</summary>
    public string? Failure => _failure;

    public void Started() => _running = true;

    public void Stopped(string? failure)
    {
        _failure = failure;
        _running = false;
    }
}
