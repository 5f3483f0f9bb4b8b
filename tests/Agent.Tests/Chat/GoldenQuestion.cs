namespace Agent.Tests.Chat;

/// <summary>
/// A golden question: the turns of a conversation as course owners type them (the last one is judged), and a check of
/// the last answer against the generator's ground truth that returns null when the answer's rows equal the truth, or
/// what differs. A question Seven must decline has no check (<see cref="MustDecline"/>).
/// </summary>
public sealed record GoldenQuestion(string Category, IReadOnlyList<string> Turns, Func<JsonObject, string?>? Check)
{
    public bool MustDecline => Check is null;

    public override string ToString() => $"[{Category}] {string.Join(" / ", Turns)}";
}
