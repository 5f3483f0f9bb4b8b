namespace SevenTaps.Analysis.Model;

/// <summary>A card or question (table <c>questions</c>), keyed by its cleaned activity id; merged like <see cref="User"/>.</summary>
public sealed class Question
{
    public required string QuestionId { get; set; }

    public string? LessonUrl { get; set; }

    /// <summary>7taps card type (form, poll, quiz, rate, submit media, ...) or one derived from the definition.</summary>
    public required string QuestionType { get; set; }

    public string? InteractionType { get; set; }

    /// <summary>The prompt as plain text (Quill Delta converted).</summary>
    public string? QuestionText { get; set; }

    public string? Description { get; set; }

    /// <summary>JSON array of <c>{id, description, component}</c>: the interaction components.</summary>
    public required string Choices { get; set; }

    /// <summary>JSON array of the correctResponsesPattern strings.</summary>
    public required string CorrectResponses { get; set; }

    public required string Source { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public Guid FirstStatementId { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public Guid StatementId { get; set; }
}
