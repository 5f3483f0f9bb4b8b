using System.Text.Json.Nodes;

namespace SevenTaps.Contracts;

/// <summary>
/// Seven's answer as <c>POST /api/agent/chat</c> returns it (and its stream's last event), and as the dashboard reads it:
/// one type for both sides of the contract. <see cref="Sql"/> and <see cref="Parameters"/> are exactly
/// what ran; <see cref="Rows"/> are its rows (capped, <see cref="Truncated"/>); <see cref="Provenance"/> is
/// <c>verified</c> for a reviewed query and <c>generated</c> for model-written SQL.
/// </summary>
public sealed record ChatAnswer(
    string ConversationId,
    Guid ExchangeId,
    bool Answered,
    string Answer,
    string Engine,
    string? Provenance,
    string? Sql,
    IReadOnlyList<object?> Parameters,
    IReadOnlyList<string> Columns,
    IReadOnlyList<object?[]> Rows,
    bool Truncated,
    JsonObject? Chart,
    IReadOnlyList<string> Assumptions,
    DateTimeOffset? AsOf,
    IReadOnlyList<string> FollowUps);

/// <summary>One of a person's conversations with Seven, as the agent lists them (<c>GET /api/agent/chat/conversations</c>).</summary>
public sealed record ConversationSummary(string ConversationId, string FirstQuestion, DateTimeOffset StartedAt, DateTimeOffset LastAskedAt, int Exchanges);
