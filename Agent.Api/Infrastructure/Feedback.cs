namespace Agent.Api.Infrastructure;

/// <summary>A thumbs up or down on an exchange, with the reason given (table <c>agent.feedback</c>).</summary>
public sealed class Feedback
{
    public Guid Id { get; set; }

    public Guid ExchangeId { get; set; }

    public bool Helpful { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
