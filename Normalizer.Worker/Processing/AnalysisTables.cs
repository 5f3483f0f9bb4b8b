using System.Text.Json.Nodes;
using Normalizer.Worker.Normalization;
using SevenTaps.Analysis;
using SevenTaps.Analysis.Summaries;

namespace Normalizer.Worker.Processing;

/// <summary>
/// The analysis tables as the hot path writes them (the EF Core model in Infrastructure defines them), in one
/// schema: the live one, or the shadow schema a re-normalization fills.
/// </summary>
internal sealed class AnalysisTables(string schema)
{
    public static readonly AnalysisTables Live = new(AnalysisContext.Schema);

    public string Schema => schema;

    /// <summary>Only the live schema has concurrent writers (the workers); a shadow schema has one.</summary>
    public bool IsLive => schema == AnalysisContext.Schema;

    public DimensionTable<UserRow> Users { get; } = new(schema, "users", "user_id",
    [
        Column.Text<DimensionRow<UserRow>>("ifi", row => row.Data.Ifi),
        Column.Text<DimensionRow<UserRow>>("display_name", row => row.Data.DisplayName),
        Column.Text<DimensionRow<UserRow>>("email", row => row.Data.Email),
        Column.Text<DimensionRow<UserRow>>("source", row => row.Data.Source),
    ]);

    public DimensionTable<LessonRow> Lessons { get; } = new(schema, "lessons", "lesson_url",
    [
        Column.Text<DimensionRow<LessonRow>>("lesson_slug", row => row.Data.LessonSlug),
        Column.Text<DimensionRow<LessonRow>>("lesson_number", row => row.Data.LessonNumber),
        Column.Text<DimensionRow<LessonRow>>("lesson_name", row => row.Data.LessonName),
        Column.Text<DimensionRow<LessonRow>>("source", row => row.Data.Source),
    ]);

    public DimensionTable<QuestionRow> Questions { get; } = new(schema, "questions", "question_id",
    [
        Column.Text<DimensionRow<QuestionRow>>("lesson_url", row => row.Data.LessonUrl),
        Column.Text<DimensionRow<QuestionRow>>("question_type", row => row.Data.QuestionType),
        Column.Text<DimensionRow<QuestionRow>>("interaction_type", row => row.Data.InteractionType),
        Column.Text<DimensionRow<QuestionRow>>("question_text", row => row.Data.QuestionText),
        Column.Text<DimensionRow<QuestionRow>>("description", row => row.Data.Description),
        Column.Jsonb<DimensionRow<QuestionRow>>("choices", row => ChoicesJson(row.Data.Choices)),
        Column.Jsonb<DimensionRow<QuestionRow>>("correct_responses", row => new JsonArray([.. row.Data.CorrectResponses.Select(pattern => JsonValue.Create(pattern))]).ToJsonString()),
        Column.Text<DimensionRow<QuestionRow>>("source", row => row.Data.Source),
    ]);

    /// <summary>
    /// The summaries the writers keep (<see cref="LearnerLessonSummary"/>, <see cref="QuestionAnswerCounts"/>,
    /// <see cref="LearnerTotalsRecompute"/>), by table name.
    /// </summary>
    public static IEnumerable<string> SummaryTables =>
        LearnerLessonSummary.All.Select(summary => summary.Table).Append(QuestionAnswerCounts.Table).Append(LearnerTotalsRecompute.Table);

    public FactTable<ResponseRow> Responses { get; } = new(schema, "user_responses",
    [
        Column.Uuid<ResponseRow>("statement_id", row => row.StatementId),
        Column.Text<ResponseRow>("user_id", row => row.UserId),
        Column.Text<ResponseRow>("question_id", row => row.QuestionId),
        Column.Text<ResponseRow>("lesson_url", row => row.LessonUrl),
        Column.Text<ResponseRow>("response_value", row => row.ResponseValue),
        Column.Text<ResponseRow>("response_text", row => row.ResponseText),
        Column.Bool<ResponseRow>("is_correct", row => row.IsCorrect),
        Column.Double<ResponseRow>("score_raw", row => row.ScoreRaw),
        Column.Double<ResponseRow>("score_scaled", row => row.ScoreScaled),
        Column.Double<ResponseRow>("score_min", row => row.ScoreMin),
        Column.Double<ResponseRow>("score_max", row => row.ScoreMax),
        Column.Double<ResponseRow>("duration_seconds", row => row.DurationSeconds),
        Column.Time<ResponseRow>("timestamp", row => Seen.Of(row.Timestamp, row.StatementId).At),
        Column.Text<ResponseRow>("source", row => row.Source),
        Column.Jsonb<ResponseRow>("source_data", row => row.SourceData),
        Column.Double<ResponseRow>("sentiment", row => row.Sentiment),
    ], inserted => [.. LearnerLessonSummary.All.Select(summary => summary.AddResponses(schema, inserted)), QuestionAnswerCounts.AddResponses(schema, inserted)]);

    public FactTable<ActivityRow> Activities { get; } = new(schema, "user_activities",
    [
        Column.Uuid<ActivityRow>("statement_id", row => row.StatementId),
        Column.Text<ActivityRow>("user_id", row => row.UserId),
        Column.Text<ActivityRow>("lesson_url", row => row.LessonUrl),
        Column.Text<ActivityRow>("question_id", row => row.QuestionId),
        Column.Text<ActivityRow>("activity_type", row => row.ActivityType),
        Column.Text<ActivityRow>("verb", row => row.Verb),
        Column.Bool<ActivityRow>("completion", row => row.Completion),
        Column.Bool<ActivityRow>("success", row => row.Success),
        Column.Double<ActivityRow>("duration_seconds", row => row.DurationSeconds),
        Column.Time<ActivityRow>("timestamp", row => Seen.Of(row.Timestamp, row.StatementId).At),
        Column.Text<ActivityRow>("source", row => row.Source),
        Column.Jsonb<ActivityRow>("source_data", row => row.SourceData),
    ], inserted => [.. LearnerLessonSummary.All.Select(summary => summary.AddActivities(schema, inserted))]);

    /// <summary>The dimension rows one normalized statement asserts.</summary>
    public static DimensionRow<UserRow>? UserOf(NormalizedStatement statement) =>
        statement is { User: { } user, Activity: { } activity }
            ? DimensionRow<UserRow>.Of(user.UserId, user, Seen.Of(activity.Timestamp, activity.StatementId))
            : null;

    public static DimensionRow<LessonRow>? LessonOf(NormalizedStatement statement) =>
        statement is { Lesson: { } lesson, Activity: { } activity }
            ? DimensionRow<LessonRow>.Of(lesson.LessonUrl, lesson, Seen.Of(activity.Timestamp, activity.StatementId))
            : null;

    public static DimensionRow<QuestionRow>? QuestionOf(NormalizedStatement statement) =>
        statement is { Question: { } question, Activity: { } activity }
            ? DimensionRow<QuestionRow>.Of(question.QuestionId, question, Seen.Of(activity.Timestamp, activity.StatementId))
            : null;

    private static string ChoicesJson(IEnumerable<QuestionChoice> choices) =>
        new JsonArray([.. choices.Select(choice => new JsonObject
        {
            ["id"] = choice.Id,
            ["description"] = choice.Description,
            ["component"] = choice.Component,
        })]).ToJsonString();
}
