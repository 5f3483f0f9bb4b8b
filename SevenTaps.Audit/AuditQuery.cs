namespace SevenTaps.Audit;

/// <summary>Which audit records to read: each filter narrows, newest first, <see cref="Limit"/> at most, older than <see cref="Before"/>.</summary>
/// <param name="Action">One action (<see cref="AuditActions"/>).</param>
/// <param name="Target">One target, exactly.</param>
/// <param name="Actor">An API key's name or a person's, exactly.</param>
/// <param name="Outcome">One outcome (<see cref="AuditOutcomes"/>).</param>
/// <param name="From">At or after.</param>
/// <param name="To">Before.</param>
/// <param name="Before">The previous page's <see cref="AuditPage.Next"/>.</param>
public sealed record AuditQuery(
    string? Action = null, string? Target = null, string? Actor = null, string? Outcome = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, Guid? Before = null, int Limit = AuditQuery.DefaultLimit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
}

/// <summary>A page of audit records, newest first; <see cref="Next"/> is the <c>before</c> of the next page, null on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, Guid? Next);
