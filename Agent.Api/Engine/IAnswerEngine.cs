namespace Agent.Api.Engine;

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
