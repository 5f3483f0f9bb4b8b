namespace Normalizer.Worker.Backfill;

/// <summary>What one pass over user_responses did.</summary>
/// <param name="Read">Answers read.</param>
/// <param name="Scored">Free-text answers without a sentiment that this pass scored.</param>
/// <param name="Busy">
/// Free-text answers without a sentiment that another transaction held (another replica scoring them, or a worker
/// voiding them), or that another replica scored between this pass's read and its claim: left to them.
/// </param>
/// <param name="Elapsed">How long the pass took.</param>
internal sealed record SentimentBackfillPass(long Read, long Scored, long Busy, TimeSpan Elapsed)
{
    /// <summary>No free-text answer without a sentiment was left when the pass read its pages.</summary>
    public bool FoundNone => Scored == 0 && Busy == 0;
}
