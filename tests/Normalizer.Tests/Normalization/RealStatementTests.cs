using Normalizer.Worker.Normalization;

namespace Normalizer.Tests.Normalization;

/// <summary>The real 7taps "answered a form card" statement (shared/data/7taps/statement-answered-form.json).</summary>
public class RealStatementTests
{
    private const string ExpectedQuestionText =
        "🧠 Quick pulse check\n"
        + "Rank these 5 areas by what you most want to improve right now — start with your top priority and go down.\n"
        + "(1 = top priority, 5 = lowest)\n"
        + "\n"
        + "-Screen time\n-Sleep\n-Productivity\n-Real-life connection\n-Stress management";

    private static readonly NormalizedStatement Result = Fixtures.Normalize(Fixtures.RealStatement(), Fixtures.RealCatalogue());

    [Fact]
    public void Is_not_skipped_and_not_voiding()
    {
        Assert.Null(Result.Skipped);
        Assert.Null(Result.VoidsStatementId);
        Assert.Equal(Guid.Parse("dcaad89f-9676-43b0-88bb-694e37f4056d"), Result.StatementId);
    }

    [Fact]
    public void User_is_the_7taps_account_hash()
    {
        var user = Assert.IsType<UserRow>(Result.User);
        Assert.Equal("e5c7e967e89124da359bc111ecfb1e65", user.UserId);
        Assert.Equal("account:https://7taps.com|e5c7e967e89124da359bc111ecfb1e65", user.Ifi);
        Assert.Null(user.DisplayName);
        Assert.Null(user.Email);
        Assert.Equal("xapi", user.Source);
    }

    [Fact]
    public void Lesson_is_the_parent_from_context()
    {
        var lesson = Assert.IsType<LessonRow>(Result.Lesson);
        Assert.Equal("https://courses.practiceoflife.com/yjG39Clb0pSm", lesson.LessonUrl);
        Assert.Equal("yjG39Clb0pSm", lesson.LessonSlug);
        Assert.Null(lesson.LessonNumber); // this lesson is not in the catalogue
        Assert.Null(lesson.LessonName);
        Assert.Equal(Result.StatementId, lesson.FirstStatementId);
    }

    [Fact]
    public void Question_is_the_form_card_with_its_text_as_plain_text()
    {
        var question = Assert.IsType<QuestionRow>(Result.Question);
        Assert.Equal("https://courses.practiceoflife.com/yjG39Clb0pSm/form/2861644", question.QuestionId);
        Assert.Equal("https://courses.practiceoflife.com/yjG39Clb0pSm", question.LessonUrl);
        Assert.Equal("form", question.QuestionType);
        Assert.Null(question.InteractionType);
        Assert.StartsWith("🧠 Quick pulse check", question.QuestionText);
        Assert.Contains("Rank these 5 areas", question.QuestionText);
        Assert.Contains("\n-Sleep\n", question.QuestionText);
        Assert.Equal(ExpectedQuestionText, question.QuestionText);
        Assert.Equal("7taps form", question.Description);
        Assert.Empty(question.Choices);
        Assert.Empty(question.CorrectResponses);
    }

    [Fact]
    public void Response_is_the_free_text_at_the_statement_timestamp()
    {
        var response = Assert.IsType<ResponseRow>(Result.Response);
        Assert.Equal("aloha!", response.ResponseValue);
        Assert.Equal("aloha!", response.ResponseText);
        Assert.True(response.IsCorrect);
        Assert.Equal(new DateTimeOffset(2025, 10, 11, 14, 3, 12, 345, TimeSpan.Zero), response.Timestamp);
        Assert.Equal("e5c7e967e89124da359bc111ecfb1e65", response.UserId);
        Assert.Equal("https://courses.practiceoflife.com/yjG39Clb0pSm/form/2861644", response.QuestionId);
        Assert.Equal("https://courses.practiceoflife.com/yjG39Clb0pSm", response.LessonUrl);
        Assert.Null(response.ScoreRaw);
        Assert.Null(response.DurationSeconds);
    }

    [Fact]
    public void Activity_records_the_answered_verb()
    {
        var activity = Assert.IsType<ActivityRow>(Result.Activity);
        Assert.Equal("http://adlnet.gov/expapi/verbs/answered", activity.ActivityType);
        Assert.Equal("answered", activity.Verb);
        Assert.True(activity.Success);
        Assert.Null(activity.Completion);
        Assert.Equal("https://courses.practiceoflife.com/yjG39Clb0pSm/form/2861644", activity.QuestionId);
        Assert.Equal(Result.Response!.Timestamp, activity.Timestamp);
    }

    [Fact]
    public void Every_row_carries_the_statement_id()
    {
        var id = Result.StatementId!.Value;
        Assert.Equal(id, Result.User!.StatementId);
        Assert.Equal(id, Result.Lesson!.StatementId);
        Assert.Equal(id, Result.Question!.StatementId);
        Assert.Equal(id, Result.Response!.StatementId);
        Assert.Equal(id, Result.Activity!.StatementId);
    }

    [Fact]
    public void Timestamp_comes_from_timestamp_not_stored()
    {
        var statement = Fixtures.RealStatement();
        statement["stored"] = "2025-12-01T00:00:00Z";
        var result = Fixtures.Normalize(statement);
        Assert.Equal(new DateTimeOffset(2025, 10, 11, 14, 3, 12, 345, TimeSpan.Zero), result.Response!.Timestamp);
        Assert.Equal(result.Response.Timestamp, result.User!.SeenAt);
        Assert.Equal(result.Response.Timestamp, result.Lesson!.SeenAt);
    }
}
