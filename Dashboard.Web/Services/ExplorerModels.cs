namespace Dashboard.Web.Services;

// Analytics.Api's explorer and question answers as the dashboard reads them (docs/analytics.md describes each field).

/// <summary>One page of the explorer: its rows, the cursor of the next page, and the total (exact, or PostgreSQL's estimate).</summary>
public sealed record ExplorerPage<T>(IReadOnlyList<T> Items, long Offset, int PageSize, string? NextCursor, long Total, bool TotalIsExact);

/// <summary>One answer with its learner, lesson and card named.</summary>
public sealed record ExplorerResponse(
    Guid StatementId, DateTimeOffset Timestamp, string LearnerId, string? LearnerName, string? LessonUrl, string? LessonNumber, string? LessonName,
    string? CardId, string? CardType, string? Question, string? ResponseValue, string? ResponseText, bool? IsCorrect, double? ScoreScaled,
    double? DurationSeconds, double? Sentiment);

/// <summary>One learning event (answered, completed, ...) with its learner, lesson and card named.</summary>
public sealed record ExplorerActivity(
    Guid StatementId, DateTimeOffset Timestamp, string LearnerId, string? LearnerName, string Verb, string ActivityType, string? LessonUrl,
    string? LessonNumber, string? LessonName, string? CardId, bool? Completion, bool? Success, double? DurationSeconds, string Source);

/// <summary>A card (question) with its number of answers, and the correct rate of a quiz.</summary>
public sealed record QuestionSummary(string QuestionId, string? LessonUrl, string QuestionType, string? QuestionText, long Answers, double? CorrectRate);

/// <summary>How many answers chose one choice (or scale value) of a card.</summary>
public sealed record ChoiceCount(string ChoiceId, string? Description, long Count);

public sealed record FreeTextAnswer(string UserId, string Text, DateTimeOffset Timestamp);

/// <summary>One card's answers: the distribution of a poll, quiz or rate card, or the free-text answers of the others.</summary>
public sealed record QuestionAnswers(QuestionSummary Question, IReadOnlyList<ChoiceCount>? Distribution, PagedList<FreeTextAnswer>? FreeText);
