namespace Normalizer.Worker.Processing;

/// <summary>
/// When a statement asserted a user, lesson or question: its timestamp, ties broken by statement id. The order
/// is PostgreSQL's <c>(timestamptz, uuid)</c> row order, so merging in memory and merging with
/// <c>ON CONFLICT</c> agree whatever order statements arrive in.
/// </summary>
internal readonly record struct Seen(DateTimeOffset At, Guid StatementId) : IComparable<Seen>
{
    /// <summary>PostgreSQL keeps microseconds: compare exactly what it stores.</summary>
    public static Seen Of(DateTimeOffset at, Guid statementId) =>
        new(new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero), statementId);

    // uuid compares byte by byte; the lower-case "D" text of a Guid sorts the same way.
    public int CompareTo(Seen other)
    {
        var byTime = At.CompareTo(other.At);
        return byTime != 0 ? byTime : string.CompareOrdinal(StatementId.ToString("D"), other.StatementId.ToString("D"));
    }

    public static Seen Min(Seen a, Seen b) => a.CompareTo(b) <= 0 ? a : b;

    public static Seen Max(Seen a, Seen b) => a.CompareTo(b) >= 0 ? a : b;
}
