namespace Agent.Api.Engine.Offline;

/// <summary>The parser's verdict: an intent with the assumptions it made, or what it did not understand.</summary>
public sealed record ParseResult(Intent? Intent, IReadOnlyList<string> Assumptions, string? NotUnderstood)
{
    public static ParseResult Declined(string reason) => new(null, [], reason);
}
