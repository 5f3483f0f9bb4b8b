using Agent.Api.Engine;
using Agent.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SevenTaps.ApiKeys;

namespace Agent.Api.Apis;

/// <summary>
/// Seven: ask in plain English (<c>POST /chat</c>), rate an answer (<c>POST /feedback</c>), list and reopen a person's
/// conversations. The person is whoever the caller names in <see cref="AuditHeaders.OnBehalfOf"/> (the dashboard names
/// its signed-in user); a key holder is trusted to name them, as with every audit header.
/// </summary>
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
        api.MapGet("/conversations", ListConversations)
            .WithName("ListConversations")
            .WithSummary("The conversations of the person named in X-SevenTaps-User, latest first: id, first question, when started and last asked, exchanges");
        api.MapGet("/conversations/{conversationId}", GetConversation)
            .WithName("GetConversation")
            .WithSummary("One of that person's conversations: every question with the answer as it was given");
        api.MapPost("/feedback", GiveFeedback)
            .WithName("GiveFeedback")
            .WithSummary("Stores a thumbs up or down, with a reason, on one answer");

        return api;
    }

    private const int MaxConversations = 50;

    public static async Task<Results<Ok<ChatAnswer>, ProblemHttpResult>> Chat(ChatRequest request, HttpContext context, ChatService chat, CancellationToken cancellationToken)
    {
        if ((Problem(request) ?? UserProblem(context)) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(await chat.AskAsync(request.Message!.Trim(), request.ConversationId, UserName(context), cancellationToken));
    }

    /// <summary>
    /// Events: <c>started</c> (the conversation id, at once), <c>delta</c> (the answer's Markdown, a paragraph at a
    /// time), <c>answer</c> (the whole response, as <c>POST /chat</c> returns it). The offline engine has its answer in
    /// one step; a model engine will send its text as it comes on the same events.
    /// </summary>
    public static Results<ServerSentEventsResult<object>, ProblemHttpResult> ChatStream(ChatRequest request, HttpContext context, ChatService chat, CancellationToken cancellationToken)
    {
        if ((Problem(request) ?? UserProblem(context)) is { } problem)
        {
            return problem;
        }
        return TypedResults.ServerSentEvents(Events(request with { ConversationId = request.ConversationId ?? Guid.NewGuid().ToString() }, UserName(context), chat, cancellationToken));
    }

    private static async IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<object>> Events(
        ChatRequest request, string? userName, ChatService chat, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new(new { conversationId = request.ConversationId }, "started");
        var answer = await chat.AskAsync(request.Message!.Trim(), request.ConversationId, userName, cancellationToken);
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

    public static async Task<Results<Ok<List<ConversationSummary>>, ProblemHttpResult>> ListConversations(HttpContext context, AgentContext db, CancellationToken cancellationToken)
    {
        if (UserName(context) is not { } user)
        {
            return UserRequired(context);
        }
        var mine = db.Exchanges.AsNoTracking().Where(exchange => exchange.UserName == user);
        var conversations = await mine
            .GroupBy(exchange => exchange.ConversationId)
            .Select(conversation => new
            {
                conversation.Key,
                StartedAt = conversation.Min(exchange => exchange.AskedAt),
                LastAskedAt = conversation.Max(exchange => exchange.AskedAt),
                Exchanges = conversation.Count(),
            })
            .OrderByDescending(conversation => conversation.LastAskedAt)
            .Take(MaxConversations)
            // The first question as a correlated subquery: PostgreSQL has no "first" aggregate.
            .Select(conversation => new ConversationSummary(
                conversation.Key,
                mine.Where(exchange => exchange.ConversationId == conversation.Key).OrderBy(exchange => exchange.AskedAt).Select(exchange => exchange.Question).First(),
                conversation.StartedAt,
                conversation.LastAskedAt,
                conversation.Exchanges))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(conversations);
    }

    public static async Task<Results<Ok<List<ConversationTurn>>, NotFound, ProblemHttpResult>> GetConversation(
        string conversationId, HttpContext context, AgentContext db, CancellationToken cancellationToken)
    {
        if (UserName(context) is not { } user)
        {
            return UserRequired(context);
        }
        var turns = await db.Exchanges.AsNoTracking()
            .Where(exchange => exchange.ConversationId == conversationId && exchange.UserName == user)
            .OrderBy(exchange => exchange.AskedAt)
            .Select(exchange => new { exchange.Id, exchange.AskedAt, exchange.Question, exchange.Answer })
            .ToListAsync(cancellationToken);
        return turns.Count == 0
            ? TypedResults.NotFound()
            : TypedResults.Ok(turns.Select(turn => new ConversationTurn(turn.Id, turn.AskedAt, turn.Question,
                turn.Answer is null ? null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.Nodes.JsonObject>(turn.Answer))).ToList());
    }

    /// <summary>The person named in the audit header, when it is a plausible name.</summary>
    internal static string? UserName(HttpContext context) =>
        context.Request.Headers[AuditHeaders.OnBehalfOf].ToString().Trim() is { Length: > 0 and <= MaxUserNameLength } user ? user : null;

    private static ProblemHttpResult? UserProblem(HttpContext context) =>
        context.Request.Headers[AuditHeaders.OnBehalfOf].ToString().Length > MaxUserNameLength ? UserRequired(context) : null;

    private static ProblemHttpResult UserRequired(HttpContext context) =>
        TypedResults.Problem(detail: $"{AuditHeaders.OnBehalfOf}: name the person (at most {MaxUserNameLength} characters)", statusCode: StatusCodes.Status400BadRequest);

    private const int MaxUserNameLength = 256;

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

/// <param name="Answer">The answer as <c>POST /chat</c> returned it (null for exchanges recorded before answers were kept).</param>
public sealed record ConversationTurn(Guid ExchangeId, DateTimeOffset AskedAt, string Question, System.Text.Json.Nodes.JsonObject? Answer);

/// <param name="ExchangeId">The <c>exchangeId</c> of the answer rated.</param>
/// <param name="Helpful">Thumbs up (true) or down (false).</param>
public sealed record FeedbackRequest(Guid ExchangeId, bool Helpful, string? Reason);
