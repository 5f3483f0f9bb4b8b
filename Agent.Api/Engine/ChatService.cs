using System.Diagnostics;
using System.Text.Json;
using Agent.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Agent.Api.Engine;

/// <summary>
/// One chat turn: reads the conversation's previous intent, asks the engine, and records the exchange (question,
/// engine, SQL and parameters, duration, row count, outcome, who asked and the answer) in <c>agent.exchanges</c> and
/// on a trace span. A conversation belongs to whoever asked its first question: another person's id starts afresh.
/// </summary>
public sealed class ChatService(IAnswerEngine engine, AgentContext db, TimeProvider time)
{
    internal static readonly ActivitySource ActivitySource = new("SevenTaps.Agent.Chat");

    public async Task<ChatAnswer> AskAsync(string message, string? conversationId, string? userName, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("seven chat");
        var started = Stopwatch.GetTimestamp();
        (conversationId, var previousIntent) = await ConversationAsync(conversationId, userName, cancellationToken);

        var result = await engine.AnswerAsync(message, previousIntent, cancellationToken);
        var answer = result.Answer;

        var exchange = new Exchange
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversationId,
            AskedAt = time.GetUtcNow(),
            Question = message,
            Engine = answer.Engine,
            Provenance = answer.Provenance,
            Outcome = result.Outcome,
            Sql = answer.Sql,
            Parameters = answer.Sql is null ? null : JsonSerializer.Serialize(answer.Parameters),
            RowCount = answer.Sql is null ? null : answer.Rows.Count,
            DurationMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
            Intent = result.IntentJson,
            UserName = userName,
        };
        answer = answer with { ConversationId = conversationId, ExchangeId = exchange.Id };
        exchange.Answer = JsonSerializer.Serialize(answer, JsonSerializerOptions.Web);
        db.Exchanges.Add(exchange);
        await db.SaveChangesAsync(cancellationToken);

        activity?.SetTag("seven.conversation", conversationId);
        activity?.SetTag("seven.exchange", exchange.Id);
        activity?.SetTag("seven.engine", answer.Engine);
        activity?.SetTag("seven.outcome", result.Outcome);
        activity?.SetTag("seven.provenance", answer.Provenance);
        activity?.SetTag("seven.rows", exchange.RowCount);
        return answer;
    }

    /// <summary>
    /// The conversation a question belongs to (a new one when none is named or it is someone else's) and the intent
    /// of its last understood question, which follow-ups start from.
    /// </summary>
    internal async Task<(string ConversationId, string? PreviousIntent)> ConversationAsync(
        string? conversationId, string? userName, CancellationToken cancellationToken)
    {
        if (conversationId is null || await db.Exchanges.AnyAsync(exchange => exchange.ConversationId == conversationId && exchange.UserName != userName, cancellationToken))
        {
            conversationId = Guid.NewGuid().ToString();
        }
        var previousIntent = await db.Exchanges.AsNoTracking()
            .Where(exchange => exchange.ConversationId == conversationId && exchange.Intent != null)
            .OrderByDescending(exchange => exchange.AskedAt)
            .Select(exchange => exchange.Intent)
            .FirstOrDefaultAsync(cancellationToken);
        return (conversationId, previousIntent);
    }
}
