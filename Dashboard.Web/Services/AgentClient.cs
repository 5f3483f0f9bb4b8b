using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// Seven (Agent.Api) on behalf of the signed-in person, who the agent keeps the conversations of: the streamed chat,
/// feedback on an answer, and the person's conversations.
/// </summary>
public sealed class AgentClient(HttpClient http, IOptions<DashboardOptions> options, AuthenticationStateProvider authentication)
    : ApiClient(http, options, authentication)
{
    /// <summary>A model engine may take a while; the offline engine answers in well under a second.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private const string Path = "/api/agent";

    /// <summary>The answer's events as they arrive (<c>POST /chat/stream</c>, Server-Sent Events).</summary>
    public async IAsyncEnumerable<ChatEvent> AskAsync(string message, string? conversationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Path}/chat/stream")
        {
            Content = JsonContent.Create(new { message, conversationId }),
        }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            ChatEvent? chatEvent = item.EventType switch
            {
                "started" => new ChatEvent.Started(Read<StartedData>(item.Data).ConversationId),
                "delta" => new ChatEvent.Delta(Read<DeltaData>(item.Data).Text),
                "answer" => new ChatEvent.Completed(Read<ChatAnswer>(item.Data)),
                _ => null, // events a later agent may add
            };
            if (chatEvent is not null)
            {
                yield return chatEvent;
            }
        }
    }

    public async Task FeedbackAsync(Guid exchangeId, bool helpful, string? reason, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Path}/feedback")
        {
            Content = JsonContent.Create(new { exchangeId, helpful, reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() }),
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationSummary>> ConversationsAsync(CancellationToken cancellationToken) =>
        (await GetAsync<List<ConversationSummary>>($"{Path}/conversations", cancellationToken)).Value;

    public async Task<IReadOnlyList<ConversationTurn>> ConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        (await GetAsync<List<ConversationTurn>>($"{Path}/conversations/{Uri.EscapeDataString(conversationId)}", cancellationToken)).Value;

    private static T Read<T>(string data) =>
        JsonSerializer.Deserialize<T>(data, JsonSerializerOptions.Web) ?? throw new JsonException($"The chat stream sent an empty {typeof(T).Name}.");

    private sealed record StartedData(string ConversationId);

    private sealed record DeltaData(string Text);
}
