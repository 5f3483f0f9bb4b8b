using System.Text.Json.Nodes;
using Normalizer.Worker.Normalization;

namespace Normalizer.Tests.Normalization;

/// <summary>
/// What the normalizer must make of a 7taps "answered a form card" statement (7taps' shape: an account actor, the
/// lesson only as the single parent object, the question as a Quill Delta string, no score or duration), written
/// out by hand for each statement checked: the real one (<see cref="RealStatementTests"/>) and the sample
/// (<see cref="SampleStatementTests"/>).
/// </summary>
internal sealed record FormCardAnswer(
    JsonObject Statement,
    LessonCatalogue Catalogue,
    Guid StatementId,
    string LearnerHash,
    string LessonUrl,
    string LessonSlug,
    string? LessonNumber,
    string? LessonName,
    string QuestionId,
    string QuestionText,
    string Response,
    DateTimeOffset Timestamp)
{
    private NormalizedStatement Result => field ??= Fixtures.Normalize(Statement, Catalogue);

    public void Is_not_skipped_and_not_voiding()
    {
        Assert.Null(Result.Skipped);
        Assert.Null(Result.VoidsStatementId);
        Assert.Equal(StatementId, Result.StatementId);
    }

    public void User_is_the_7taps_account_hash()
    {
        var user = Assert.IsType<UserRow>(Result.User);
        Assert.Equal(LearnerHash, user.UserId);
        Assert.Equal($"account:https://7taps.com|{LearnerHash}", user.Ifi);
        Assert.Null(user.DisplayName);
        Assert.Null(user.Email);
        Assert.Equal("xapi", user.Source);
    }

    public void Lesson_is_the_parent_from_context()
    {
        var lesson = Assert.IsType<LessonRow>(Result.Lesson);
        Assert.Equal(LessonUrl, lesson.LessonUrl);
        Assert.Equal(LessonSlug, lesson.LessonSlug);
        Assert.Equal(LessonNumber, lesson.LessonNumber);
        Assert.Equal(LessonName, lesson.LessonName);
        Assert.Equal(Result.StatementId, lesson.FirstStatementId);
    }

    public void Question_is_the_form_card_with_its_text_as_plain_text()
    {
        var question = Assert.IsType<QuestionRow>(Result.Question);
        Assert.Equal(QuestionId, question.QuestionId);
        Assert.Equal(LessonUrl, question.LessonUrl);
        Assert.Equal("form", question.QuestionType);
        Assert.Null(question.InteractionType);
        Assert.Equal(QuestionText, question.QuestionText);
        Assert.Equal("7taps form", question.Description);
        Assert.Empty(question.Choices);
        Assert.Empty(question.CorrectResponses);
    }

    public void Response_is_the_free_text_at_the_statement_timestamp()
    {
        var response = Assert.IsType<ResponseRow>(Result.Response);
        Assert.Equal(Response, response.ResponseValue);
        Assert.Equal(Response, response.ResponseText);
        Assert.True(response.IsCorrect);
        Assert.Equal(Timestamp, response.Timestamp);
        Assert.Equal(LearnerHash, response.UserId);
        Assert.Equal(QuestionId, response.QuestionId);
        Assert.Equal(LessonUrl, response.LessonUrl);
        Assert.Null(response.ScoreRaw);
        Assert.Null(response.DurationSeconds);
    }

    public void Activity_records_the_answered_verb()
    {
        var activity = Assert.IsType<ActivityRow>(Result.Activity);
        Assert.Equal("http://adlnet.gov/expapi/verbs/answered", activity.ActivityType);
        Assert.Equal("answered", activity.Verb);
        Assert.True(activity.Success);
        Assert.Null(activity.Completion);
        Assert.Equal(QuestionId, activity.QuestionId);
        Assert.Equal(Timestamp, activity.Timestamp);
    }

    public void Every_row_carries_the_statement_id()
    {
        Assert.Equal(StatementId, Result.User!.StatementId);
        Assert.Equal(StatementId, Result.Lesson!.StatementId);
        Assert.Equal(StatementId, Result.Question!.StatementId);
        Assert.Equal(StatementId, Result.Response!.StatementId);
        Assert.Equal(StatementId, Result.Activity!.StatementId);
    }

    public void Timestamp_comes_from_timestamp_not_stored()
    {
        var statement = Statement.DeepClone().AsObject();
        statement["stored"] = "2027-12-01T00:00:00Z";
        var result = Fixtures.Normalize(statement);
        Assert.Equal(Timestamp, result.Response!.Timestamp);
        Assert.Equal(Timestamp, result.User!.SeenAt);
        Assert.Equal(Timestamp, result.Lesson!.SeenAt);
    }
}
