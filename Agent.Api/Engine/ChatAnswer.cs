using System.Text.Json.Nodes;

namespace Agent.Api.Engine;

/// <summary>
/// Seven's answer as <c>POST /api/agent/chat</c> returns it. <see cref="Sql"/> and <see cref="Parameters"/> are exactly
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

/// <summary>
/// What an engine produced for one question: the answer (its conversation and exchange ids are filled in when the
/// exchange is recorded), the audit's outcome, and the intent a follow-up starts from.
/// </summary>
public sealed record EngineResult(ChatAnswer Answer, string Outcome, string? IntentJson);

/// <summary>An engine answers one message given the conversation's previous intent (JSON, as the engine stored it).</summary>
public interface IAnswerEngine
{
    Task<EngineResult> AnswerAsync(string message, string? previousIntentJson, CancellationToken cancellationToken);
}
