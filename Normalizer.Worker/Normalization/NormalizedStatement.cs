namespace Normalizer.Worker.Normalization;

/// <summary>Everything one statement contributes to the analysis tables.</summary>
/// <param name="StatementId">The statement's id; null only when it had no valid id (then <see cref="Skipped"/> says so).</param>
/// <param name="User">The learner; null for voiding and skipped statements.</param>
/// <param name="Lesson">The lesson the statement belongs to, when one can be told.</param>
/// <param name="Question">The card/question when the object is an Activity other than the lesson.</param>
/// <param name="Response">The answer, when the statement has result.response or its verb is "answered".</param>
/// <param name="Activity">The event; present whenever <see cref="User"/> is.</param>
/// <param name="VoidsStatementId">
/// Set for a voiding statement (verb voided, StatementRef object): the statement whose rows must be removed.
/// Then nothing else is set.
/// </param>
/// <param name="Skipped">Why the statement yields no rows; null otherwise.</param>
public sealed record NormalizedStatement(
    Guid? StatementId,
    UserRow? User,
    LessonRow? Lesson,
    QuestionRow? Question,
    ResponseRow? Response,
    ActivityRow? Activity,
    Guid? VoidsStatementId,
    string? Skipped)
{
    public bool IsVoiding => VoidsStatementId is not null;

    public bool IsSkipped => Skipped is not null;

    internal static NormalizedStatement Skip(Guid? statementId, string reason) =>
        new(statementId, null, null, null, null, null, null, reason);

    internal static NormalizedStatement Voiding(Guid statementId, Guid target) =>
        new(statementId, null, null, null, null, null, target, null);
}
