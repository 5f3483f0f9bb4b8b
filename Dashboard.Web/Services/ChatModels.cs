using System.Text.Json.Nodes;

namespace Dashboard.Web.Services;

/// <summary>Seven's answer as Agent.Api returns it: the text with its evidence (SQL, assumptions, freshness, chart, follow-ups).</summary>
public sealed record SevenAnswer(
    string ConversationId,
    Guid ExchangeId,
    bool Answered,
    string Answer,
    string Engine,
    string? Provenance,
    string? Sql,
    IReadOnlyList<JsonNode?> Parameters,
    IReadOnlyList<string> Columns,
    IReadOnlyList<JsonNode?[]> Rows,
    bool Truncated,
    JsonObject? Chart,
    IReadOnlyList<string> Assumptions,
    DateTimeOffset? AsOf,
    IReadOnlyList<string> FollowUps);

/// <summary>What the chat stream brings, in order: the conversation's id, the answer's text in parts, then the whole answer.</summary>
public abstract record ChatEvent
{
    public sealed record Started(string ConversationId) : ChatEvent;

    public sealed record Delta(string Text) : ChatEvent;

    public sealed record Completed(SevenAnswer Answer) : ChatEvent;
}

public sealed record ConversationSummary(string ConversationId, string FirstQuestion, DateTimeOffset StartedAt, DateTimeOffset LastAskedAt, int Exchanges);

public sealed record ConversationTurn(Guid ExchangeId, DateTimeOffset AskedAt, string Question, SevenAnswer? Answer);
