namespace Normalizer.Worker.Normalization;

/// <summary>A card or question (table questions), keyed by <see cref="QuestionId"/>.</summary>
/// <param name="StatementId">The statement this row was derived from.</param>
/// <param name="QuestionId">The object Activity's id, cleaned with <see cref="ActivityUrl.CleanId"/>.</param>
/// <param name="LessonUrl">The lesson it belongs to, when known.</param>
/// <param name="QuestionType">
/// "poll", "form", "quiz", "rate", "submit media" (7taps card types), else derived from the interactionType,
/// the card slug or the definition type; "unknown" when nothing tells. See <see cref="StatementNormalizer"/>.
/// </param>
/// <param name="InteractionType">definition.interactionType as sent, or null.</param>
/// <param name="QuestionText">Plain text of definition.name (Quill Delta converted), or null.</param>
/// <param name="Description">Plain text of definition.description, or null.</param>
/// <param name="Choices">The interaction components (choices, scale, source, target, steps), in that order.</param>
/// <param name="CorrectResponses">definition.correctResponsesPattern, verbatim.</param>
/// <param name="Source">Where the row came from: "xapi", or "csv" for an imported 7taps export.</param>
public sealed record QuestionRow(
    Guid StatementId,
    string QuestionId,
    string? LessonUrl,
    string QuestionType,
    string? InteractionType,
    string? QuestionText,
    string? Description,
    EquatableList<QuestionChoice> Choices,
    EquatableList<string> CorrectResponses,
    string Source = StatementNormalizer.Source);

/// <summary>One interaction component of a question.</summary>
/// <param name="Id">The component's id (what responses refer to).</param>
/// <param name="Description">Plain text of its description language map, or null.</param>
/// <param name="Component">The list it came from: "choices", "scale", "source", "target" or "steps".</param>
public sealed record QuestionChoice(string Id, string? Description, string Component);
