namespace Dashboard.Web.Services;

/// <summary>What the chat stream brings, in order: the conversation's id, the answer's text in parts, then the whole answer.</summary>
public abstract record ChatEvent
{
    public sealed record Started(string ConversationId) : ChatEvent;

    public sealed record Delta(string Text) : ChatEvent;

    public sealed record Completed(ChatAnswer Answer) : ChatEvent;
}

public sealed record ConversationTurn(Guid ExchangeId, DateTimeOffset AskedAt, string Question, ChatAnswer? Answer);
