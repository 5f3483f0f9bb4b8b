namespace Agent.Api.Infrastructure;

/// <summary>One question to Seven and what became of it (table <c>agent.exchanges</c>): the audit record.</summary>
public sealed class Exchange
{
    public Guid Id { get; set; }

    public required string ConversationId { get; set; }

    public DateTimeOffset AskedAt { get; set; }

    public required string Question { get; set; }

    public required string Engine { get; set; }

    /// <summary><c>verified</c>, <c>generated</c>, or null when nothing ran.</summary>
    public string? Provenance { get; set; }

    /// <summary><c>answered</c>, <c>declined</c> (not understood), <c>refused</c> (the guard said no) or <c>error</c>.</summary>
    public required string Outcome { get; set; }

    public string? Sql { get; set; }

    /// <summary>The query's parameters as JSON.</summary>
    public string? Parameters { get; set; }

    public int? RowCount { get; set; }

    public double DurationMs { get; set; }

    /// <summary>The offline engine's parsed intent as JSON: what a follow-up in the same conversation starts from.</summary>
    public string? Intent { get; set; }

    /// <summary>Who asked (the caller's <c>X-SevenTaps-User</c>, e.g. the dashboard's signed-in person): whose conversation this is.</summary>
    public string? UserName { get; set; }

    /// <summary>The whole answer as returned (JSON), so a conversation can be reopened as it was shown.</summary>
    public string? Answer { get; set; }

    public List<Feedback> Feedback { get; set; } = [];
}
