namespace Normalizer.Worker.Processing;

/// <summary>
/// A user, lesson or question row merged over the statements that assert it: first and last seen over all of
/// them, the descriptive <see cref="Data"/> from the latest. Merging is commutative and idempotent, which is
/// what makes the tables independent of arrival order and of re-delivery.
/// </summary>
internal sealed record DimensionRow<TData>(string Key, TData Data, Seen First, Seen Last)
{
    public static DimensionRow<TData> Of(string key, TData data, Seen seen) => new(key, data, seen, seen);

    public DimensionRow<TData> Merge(DimensionRow<TData> other) =>
        new(Key, other.Last.CompareTo(Last) > 0 ? other.Data : Data, Seen.Min(First, other.First), Seen.Max(Last, other.Last));

    /// <summary>One row per key.</summary>
    public static IReadOnlyList<DimensionRow<TData>> MergeAll(IEnumerable<DimensionRow<TData>> rows) =>
        rows.GroupBy(row => row.Key, StringComparer.Ordinal)
            .Select(group => group.Aggregate((merged, row) => merged.Merge(row)))
            .ToList();
}
