using System.Text.Json.Nodes;
using Normalizer.Worker.Normalization;
using SevenTaps.Analysis;
using SevenTaps.Analysis.Summaries;

namespace Normalizer.Worker.Processing;

/// <summary>
/// The analysis tables as the writers write them (SevenTaps.Analysis defines them: the EF model, and the names in
/// <see cref="AnalysisSchema"/>), in one schema: the live one, or the shadow schema a re-normalization fills.
/// </summary>
internal sealed class AnalysisTables(string schema)
{
    public static readonly AnalysisTables Live = new(AnalysisSchema.Name);

    public string Schema => schema;

    /// <summary>Only the live schema has concurrent writers (the workers); a shadow schema has one.</summary>
    public bool IsLive => schema == AnalysisSchema.Name;

    public DimensionTable<UserRow> Users { get; } = new(schema, AnalysisSchema.Users.Name, AnalysisSchema.Users.UserId,
    [
        Column.Text<DimensionRow<UserRow>>(AnalysisSchema.Users.Ifi, row => row.Data.Ifi),
        Column.Text<DimensionRow<UserRow>>(AnalysisSchema.Users.DisplayName, row => row.Data.DisplayName),
        Column.Text<DimensionRow<UserRow>>(AnalysisSchema.Users.Email, row => row.Data.Email),
        Column.Text<DimensionRow<UserRow>>(AnalysisSchema.Users.Source, row => row.Data.Source),
    ]);

    public DimensionTable<LessonRow> Lessons { get; } = new(schema, AnalysisSchema.Lessons.Name, AnalysisSchema.Lessons.LessonUrl,
    [
        Column.Text<DimensionRow<LessonRow>>(AnalysisSchema.Lessons.LessonSlug, row => row.Data.LessonSlug),
        Column.Text<DimensionRow<LessonRow>>(AnalysisSchema.Lessons.LessonNumber, row => row.Data.LessonNumber),
        Column.Text<DimensionRow<LessonRow>>(AnalysisSchema.Lessons.LessonName, row => row.Data.LessonName),
        Column.Text<DimensionRow<LessonRow>>(AnalysisSchema.Lessons.Source, row => row.Data.Source),
    ]);

    public DimensionTable<QuestionRow> Questions { get; } = new(schema, AnalysisSchema.Questions.Name, AnalysisSchema.Questions.QuestionId,
    [
        Column.Text<DimensionRow<QuestionRow>>(AnalysisSchema.Questions.LessonUrl, row => row.Data.LessonUrl),
        Column.Text<DimensionRow<QuestionRow>>(AnalysisSchema.Questions.QuestionType, row => row.Data.QuestionType),
        Column.Text<DimensionRow<QuestionRow>>(AnalysisSchema.Questions.InteractionType, row => row.Data.InteractionType),
        Column.Text<DimensionRow<QuestionRow>>(AnalysisSchema.Questions.QuestionText, row => row.Data.QuestionText),
        Column.Text<DimensionRow<QuestionRow>>(AnalysisSchema.Questions.Description, row => row.Data.Description),
        Column.Jsonb<DimensionRow<QuestionRow>>(AnalysisSchema.Questions.Choices, row => ChoicesJson(row.Data.Choices)),
        Column.Jsonb<DimensionRow<QuestionRow>>(AnalysisSchema.Questions.CorrectResponses, row => new JsonArray([.. row.Data.CorrectResponses.Select(pattern => JsonValue.Create(pattern))]).ToJsonString()),
        Column.Text<DimensionRow<QuestionRow>>(AnalysisSchema.Questions.Source, row => row.Data.Source),
    ]);

    /// <summary>
    /// The summaries the writers keep (<see cref="LearnerLessonSummary"/>, <see cref="QuestionAnswerCounts"/>,
    /// <see cref="FreeTextSentimentCounts"/>, <see cref="LearnerTotalsRecompute"/>), by table name.
    /// </summary>
    public static IEnumerable<string> SummaryTables =>
        LearnerLessonSummary.All.Select(summary => summary.Table)
            .Append(QuestionAnswerCounts.Table).Append(FreeTextSentimentCounts.Table).Append(LearnerTotalsRecompute.Table);

    public FactTable<ResponseRow> Responses { get; } = new(schema, AnalysisSchema.UserResponses.Name,
    [
        Column.Uuid<ResponseRow>(AnalysisSchema.UserResponses.StatementId, row => row.StatementId),
        Column.Text<ResponseRow>(AnalysisSchema.UserResponses.UserId, row => row.UserId),
        Column.Text<ResponseRow>(AnalysisSchema.UserResponses.QuestionId, row => row.QuestionId),
        Column.Text<ResponseRow>(AnalysisSchema.UserResponses.LessonUrl, row => row.LessonUrl),
        Column.Text<ResponseRow>(AnalysisSchema.UserResponses.ResponseValue, row => row.ResponseValue),
        Column.Text<ResponseRow>(AnalysisSchema.UserResponses.ResponseText, row => row.ResponseText),
        Column.Bool<ResponseRow>(AnalysisSchema.UserResponses.IsCorrect, row => row.IsCorrect),
        Column.Double<ResponseRow>(AnalysisSchema.UserResponses.ScoreRaw, row => row.ScoreRaw),
        Column.Double<ResponseRow>(AnalysisSchema.UserResponses.ScoreScaled, row => row.ScoreScaled),
        Column.Double<ResponseRow>(AnalysisSchema.UserResponses.ScoreMin, row => row.ScoreMin),
        Column.Double<ResponseRow>(AnalysisSchema.UserResponses.ScoreMax, row => row.ScoreMax),
        Column.Double<ResponseRow>(AnalysisSchema.UserResponses.DurationSeconds, row => row.DurationSeconds),
        Column.Time<ResponseRow>(AnalysisSchema.UserResponses.Timestamp, row => Seen.Of(row.Timestamp, row.StatementId).At),
        Column.Text<ResponseRow>(AnalysisSchema.UserResponses.Source, row => row.Source),
        Column.Jsonb<ResponseRow>(AnalysisSchema.UserResponses.SourceData, row => row.SourceData),
        Column.Double<ResponseRow>(AnalysisSchema.UserResponses.Sentiment, row => row.Sentiment),
    ], inserted => [.. LearnerLessonSummary.All.Select(summary => summary.AddResponses(schema, inserted)),
        QuestionAnswerCounts.AddResponses(schema, inserted), FreeTextSentimentCounts.AddResponses(schema, inserted)]);

    public FactTable<ActivityRow> Activities { get; } = new(schema, AnalysisSchema.UserActivities.Name,
    [
        Column.Uuid<ActivityRow>(AnalysisSchema.UserActivities.StatementId, row => row.StatementId),
        Column.Text<ActivityRow>(AnalysisSchema.UserActivities.UserId, row => row.UserId),
        Column.Text<ActivityRow>(AnalysisSchema.UserActivities.LessonUrl, row => row.LessonUrl),
        Column.Text<ActivityRow>(AnalysisSchema.UserActivities.QuestionId, row => row.QuestionId),
        Column.Text<ActivityRow>(AnalysisSchema.UserActivities.ActivityType, row => row.ActivityType),
        Column.Text<ActivityRow>(AnalysisSchema.UserActivities.Verb, row => row.Verb),
        Column.Bool<ActivityRow>(AnalysisSchema.UserActivities.Completion, row => row.Completion),
        Column.Bool<ActivityRow>(AnalysisSchema.UserActivities.Success, row => row.Success),
        Column.Double<ActivityRow>(AnalysisSchema.UserActivities.DurationSeconds, row => row.DurationSeconds),
        Column.Time<ActivityRow>(AnalysisSchema.UserActivities.Timestamp, row => Seen.Of(row.Timestamp, row.StatementId).At),
        Column.Text<ActivityRow>(AnalysisSchema.UserActivities.Source, row => row.Source),
        Column.Jsonb<ActivityRow>(AnalysisSchema.UserActivities.SourceData, row => row.SourceData),
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
