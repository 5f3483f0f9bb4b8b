namespace SevenTaps.Bench;

/// <summary>
/// Draws every item once, in a random order, before any item is drawn again (then reshuffles): a run of N rounds hits
/// each item N times, where independent random draws can leave one out entirely. The same seed draws the same order.
/// </summary>
internal sealed class ShuffledBag<T>(IReadOnlyList<T> items, Random random)
{
    private readonly T[] _order = [.. items];
    private int _next = items.Count;

    /// <summary>How many full rounds have been started.</summary>
    public int Round { get; private set; }

    public T Next()
    {
        if (_next == _order.Length)
        {
            random.Shuffle(_order);
            _next = 0;
            Round++;
        }
        return _order[_next++];
    }
}
