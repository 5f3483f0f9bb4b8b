namespace Dashboard.Web.Services;

// The answers of Analytics.Api as the dashboard reads them (docs/analytics.md describes each field).

public sealed record Overview(
    long Learners, long ActiveLearners7Days, long ActiveLearners30Days, long Statements, long Lessons, double CompletionRate, long Responses, DateTimeOffset AsOf);

public sealed record LessonStats(
    string LessonUrl, string? LessonNumber, string? LessonName, long Started, long Completed, double CompletionRate, double? MedianMinutesToComplete);

public sealed record DropoffStep(int Position, string LessonUrl, string? LessonNumber, string? LessonName, long Reached, long StoppedHere);

public sealed record EngagementPoint(DateOnly Period, DateOnly? Cohort, long ActiveLearners, long Statements);

public sealed record LearnerSummary(
    string UserId, string? DisplayName, long LessonsStarted, long LessonsCompleted, double Progress, DateTimeOffset LastSeen,
    double AtRiskScore, IReadOnlyList<string> RiskReasons);

public sealed record LearnerEvent(DateTimeOffset Timestamp, string Verb, string? LessonUrl, string? QuestionId, string? Response);

public sealed record LearnerDetail(LearnerSummary Summary, IReadOnlyList<LearnerEvent> Timeline);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public sealed record Theme(string Phrase, long Answers, double Share, double Score, IReadOnlyList<string> Examples);

public sealed record ThemeReport(IReadOnlyList<Theme> Items, int Page, int PageSize, long Total, int AnswersAnalysed, bool Sampled);

public sealed record SentimentGroup(string? Group, string? Label, long Answers, double MeanScore, long Positive, long Neutral, long Negative);

public sealed record FlaggedResponse(
    Guid StatementId, string UserId, string? QuestionId, string? LessonUrl, DateTimeOffset Timestamp, string ResponseText,
    double? Sentiment, IReadOnlyList<string> MatchedTerms);

public sealed record CourseLesson(string LessonUrl, string? LessonNumber, string? LessonName);

public sealed record HeatmapRow(int FirstRank, int LastRank, long Learners, string? UserId, IReadOnlyList<long> Started, IReadOnlyList<long> Completed);

public sealed record CompletionHeatmap(IReadOnlyList<CourseLesson> Lessons, IReadOnlyList<HeatmapRow> Rows, long Learners, bool Grouped);
