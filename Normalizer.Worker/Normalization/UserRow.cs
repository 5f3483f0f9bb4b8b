namespace Normalizer.Worker.Normalization;

/// <summary>A learner (table users), one per distinct <see cref="UserId"/>; each statement re-asserts it.</summary>
/// <param name="StatementId">The statement this row was derived from.</param>
/// <param name="UserId">Stable learner key, see <see cref="LearnerIds"/>: a 7taps account's name (lower-cased), else the canonical IFI.</param>
/// <param name="Ifi">Canonical IFI (<c>InverseFunctionalIdentifier.GetCanonical</c>) of the agent the user was taken from.</param>
/// <param name="DisplayName">The agent's "name", when sent.</param>
/// <param name="Email">The address of an mbox (lower-cased, without "mailto:"), when the agent is identified by one.</param>
/// <param name="Source">Always <see cref="StatementNormalizer.Source"/> ("xapi").</param>
/// <param name="SeenAt">The statement's timestamp (UTC).</param>
public sealed record UserRow(
    Guid StatementId,
    string UserId,
    string Ifi,
    string? DisplayName,
    string? Email,
    string Source,
    DateTimeOffset SeenAt);
