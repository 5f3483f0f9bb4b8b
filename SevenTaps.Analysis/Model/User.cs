namespace SevenTaps.Analysis.Model;

/// <summary>
/// A learner (table <c>users</c>). Many statements assert the same learner: first/last seen span all of them,
/// and the descriptive fields come from the latest one (<see cref="StatementId"/>).
/// </summary>
public sealed class User
{
    /// <summary>Stable learner key: a 7taps account's name, else the canonical IFI.</summary>
    public required string UserId { get; set; }

    public required string Ifi { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public required string Source { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public Guid FirstStatementId { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>The latest statement (by timestamp, then id): the one the descriptive fields were taken from.</summary>
    public Guid StatementId { get; set; }
}
