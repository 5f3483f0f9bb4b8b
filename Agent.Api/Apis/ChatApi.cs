using Agent.Api.Engine;
using Agent.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SevenTaps.ApiKeys;

namespace Agent.Api.Apis;

/// <summary>Seven: ask in plain English (<c>POST /chat</c>), rate an answer (<c>POST /feedback</c>).</summary>
public static class ChatApi
{
    private const int MaxMessageLength = 2_000;

    public static RouteGroupBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(PublicRoutes.Agent).WithTags("Agent").RequireAuthorization(ApiKeyScopes.Agent);

        api.MapPost("/chat", Chat)
            .WithName("Chat")
            .WithSummary("Answers a question about the course with its evidence: the SQL that ran, its rows, a chart, assumptions and follow-ups");
        api.MapPost("/chat/stream", ChatStream)
            .WithName("ChatStream")
            .WithSummary("The chat answer as Server-Sent Events for the web chat: started, the answer's text in parts (delta), then the whole answer");
        api.MapPost("/feedback", GiveFeedback)
            .WithName("GiveFeedback")
            .WithSummary("Stores a thumbs up or down, with a reason, on one answer");

        return api;
    }

    public static async Task<Results<Ok<ChatAnswer>, ProblemHttpResult>> Chat(ChatRequest request, ChatService chat, CancellationToken cancellationToken)
    {
        if (Problem(request) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(await chat.AskAsync(request.Message!.Trim(), request.ConversationId, cancellationToken));
    }

    /// <summary>
    /// Events: <c>started</c> (the conversation id, at once), <c>delta</c> (the answer's Markdown, a paragraph at a
    /// time), <c>answer</c> (the whole response, as <c>POST /chat</c> returns it). The offline engine has its answer in
    /// one step; a model engine will send its text as it comes on the same events.
    /// </summary>
    public static Results<ServerSentEventsResult<object>, ProblemHttpResult> ChatStream(ChatRequest request, ChatService chat, CancellationToken cancellationToken)
    {
        if (Problem(request) is { } problem)
        {
            return problem;
        }
        return TypedResults.ServerSentEvents(Events(request with { ConversationId = request.ConversationId ?? Guid.NewGuid().ToString() }, chat, cancellationToken));
    }

    private static async IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<object>> Events(
        ChatRequest request, ChatService chat, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new(new { conversationId = request.ConversationId }, "started");
        var answer = await chat.AskAsync(request.Message!.Trim(), request.ConversationId, cancellationToken);
        foreach (var paragraph in answer.Answer.Split("\n\n"))
        {
            yield return new(new { text = paragraph + "\n\n" }, "delta");
        }
        yield return new(answer, "answer");
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> GiveFeedback(FeedbackRequest request, AgentContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Reason is { Length: > 2_000 })
        {
            return TypedResults.Problem(detail: "reason: at most 2,000 characters", statusCode: StatusCodes.Status400BadRequest);
        }
        if (!await db.Exchanges.AnyAsync(exchange => exchange.Id == request.ExchangeId, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        db.Feedback.Add(new Feedback
        {
            Id = Guid.CreateVersion7(), ExchangeId = request.ExchangeId, Helpful = request.Helpful, Reason = request.Reason, CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static ProblemHttpResult? Problem(ChatRequest request) =>
        string.IsNullOrWhiteSpace(request.Message)
            ? TypedResults.Problem(detail: "message: ask a question", statusCode: StatusCodes.Status400BadRequest)
            : request.Message.Length > MaxMessageLength
                ? TypedResults.Problem(detail: $"message: at most {MaxMessageLength:N0} characters", statusCode: StatusCodes.Status400BadRequest)
                : request.ConversationId is { Length: > 100 }
                    ? TypedResults.Problem(detail: "conversationId: at most 100 characters", statusCode: StatusCodes.Status400BadRequest)
                    : null;
}

public sealed record ChatRequest(string? Message, string? ConversationId);

/// <param name="ExchangeId">The <c>exchangeId</c> of the answer rated.</param>
/// <param name="Helpful">Thumbs up (true) or down (false).</param>
public sealed record FeedbackRequest(Guid ExchangeId, bool Helpful, string? Reason);
