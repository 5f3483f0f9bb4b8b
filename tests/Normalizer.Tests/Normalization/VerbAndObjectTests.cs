using System.Text.Json.Nodes;
using Normalizer.Worker.Normalization;
using static Normalizer.Tests.Normalization.Fixtures;

namespace Normalizer.Tests.Normalization;

public class VerbAndObjectTests
{
    [Fact]
    public void Answered_without_result_still_yields_a_response_row_with_no_value()
    {
        var result = Normalize(Statement(Activity(Card("poll")), context: ParentContext(Lesson)));
        var response = Assert.IsType<ResponseRow>(result.Response);
        Assert.Null(response.ResponseValue);
        Assert.Null(response.ResponseText);
        Assert.Null(response.IsCorrect);
        Assert.Equal(Card("poll"), response.QuestionId);
    }

    [Fact]
    public void A_result_response_makes_a_response_row_whatever_the_verb()
    {
        var result = Normalize(Statement(
            Activity(Card("form")), Verbs.Experienced, result: """{"response":"thoughts"}""", verbDisplay: null));
        Assert.Equal("thoughts", result.Response!.ResponseValue);
        Assert.Equal("experienced", result.Activity!.Verb);
    }

    [Fact]
    public void Completed_on_the_lesson_url_with_no_card_seen_belongs_to_that_lesson()
    {
        var result = Normalize(Statement(
            Activity(Lesson + "/"), Verbs.Completed, result: """{"completion":true}""", verbDisplay: """{"en-US":"completed"}"""));
        Assert.Equal(Lesson, result.Lesson!.LessonUrl);
        Assert.Equal("yjG39Clb0pSm", result.Lesson.LessonSlug);
        Assert.Null(result.Question);
        Assert.Null(result.Response);
        Assert.Equal(Lesson, result.Activity!.LessonUrl);
        Assert.Null(result.Activity.QuestionId);
        Assert.True(result.Activity.Completion);
        Assert.Equal("completed", result.Activity.Verb);
    }

    [Theory]
    [InlineData(Verbs.Attempted)]
    [InlineData(Verbs.Experienced)]
    [InlineData(Verbs.Initialized)]
    [InlineData(Verbs.Terminated)]
    [InlineData(Verbs.Passed)]
    [InlineData("http://adlnet.gov/expapi/verbs/progressed")]
    [InlineData("http://adlnet.gov/expapi/verbs/launched")]
    [InlineData("http://adlnet.gov/expapi/verbs/suspended")]
    [InlineData("http://adlnet.gov/expapi/verbs/resumed")]
    public void Lesson_level_verbs_on_a_plain_activity_make_it_the_lesson(string verb)
    {
        var result = Normalize(Statement(Activity("https://courses.example.com/lesson-7"), verb, verbDisplay: null));
        Assert.Equal("https://courses.example.com/lesson-7", result.Lesson!.LessonUrl);
        Assert.Null(result.Question);
        Assert.Equal(verb, result.Activity!.ActivityType);
    }

    [Fact]
    public void Passed_with_a_score_records_success_on_the_activity()
    {
        var result = Normalize(Statement(
            Activity(Lesson), Verbs.Passed,
            result: """{"success":true,"completion":true,"score":{"scaled":0.9},"duration":"PT5M"}""",
            verbDisplay: """{"en-US":"passed"}"""));
        Assert.True(result.Activity!.Success);
        Assert.True(result.Activity.Completion);
        Assert.Equal(300, result.Activity.DurationSeconds);
        Assert.Equal("passed", result.Activity.Verb);
        Assert.Null(result.Response); // no response given and not "answered"
    }

    [Fact]
    public void Failed_records_failure()
    {
        var result = Normalize(Statement(Activity(Lesson), Verbs.Failed, result: """{"success":false}""", verbDisplay: null));
        Assert.False(result.Activity!.Success);
        Assert.Equal("failed", result.Activity.Verb);
        Assert.Equal(Lesson, result.Lesson!.LessonUrl);
    }

    [Fact]
    public void An_unlisted_verb_on_an_activity_without_parent_has_no_lesson_but_a_question_and_activity()
    {
        var result = Normalize(Statement(Activity("https://example.com/page/intro"), Verbs.Viewed, verbDisplay: null));
        Assert.Null(result.Lesson);
        Assert.Equal("https://example.com/page/intro", result.Question!.QuestionId);
        Assert.Equal("viewed", result.Activity!.Verb);
        Assert.Null(result.Activity.LessonUrl);
    }

    [Fact]
    public void Voiding_statement_yields_only_the_target()
    {
        var target = "9E2B4C3A-1111-4222-8333-444455556666";
        var result = Normalize(Statement(
            $$"""{"objectType":"StatementRef","id":"{{target}}"}""", Verbs.Voided, verbDisplay: """{"en-US":"voided"}"""));
        Assert.Equal(Guid.Parse(target), result.VoidsStatementId);
        Assert.True(result.IsVoiding);
        Assert.Equal(IdValue, result.StatementId);
        Assert.Null(result.User);
        Assert.Null(result.Lesson);
        Assert.Null(result.Question);
        Assert.Null(result.Response);
        Assert.Null(result.Activity);
        Assert.Null(result.Skipped);
    }

    [Fact]
    public void Voiding_statement_with_an_invalid_target_is_skipped()
    {
        var result = Normalize(Statement("""{"objectType":"StatementRef","id":"not-a-uuid"}""", Verbs.Voided));
        Assert.NotNull(result.Skipped);
        Assert.Null(result.VoidsStatementId);
        Assert.Null(result.Activity);
    }

    [Fact]
    public void Non_voiding_statement_ref_object_has_no_question_but_an_activity()
    {
        var result = Normalize(Statement(
            """{"objectType":"StatementRef","id":"9e2b4c3a-1111-4222-8333-444455556666"}""", Verbs.Commented,
            context: ParentContext(Lesson), verbDisplay: null));
        Assert.Null(result.VoidsStatementId);
        Assert.Null(result.Question);
        Assert.Equal(Lesson, result.Lesson!.LessonUrl);
        Assert.Equal("commented", result.Activity!.Verb);
    }

    [Fact]
    public void Agent_object_has_no_question_and_lesson_only_from_context()
    {
        var agent = """{"objectType":"Agent","mbox":"mailto:coach@example.com"}""";
        Assert.Null(Normalize(Statement(agent, Verbs.Experienced)).Lesson);
        var withParent = Normalize(Statement(agent, Verbs.Experienced, context: ParentContext(Lesson)));
        Assert.Null(withParent.Question);
        Assert.Equal(Lesson, withParent.Lesson!.LessonUrl);
        Assert.Equal("e5c7e967e89124da359bc111ecfb1e65", withParent.Activity!.UserId);
    }

    [Fact]
    public void Group_object_has_no_question()
    {
        var group = """{"objectType":"Group","name":"Cohort A","member":[{"mbox":"mailto:a@example.com"}]}""";
        var result = Normalize(Statement(group, Verbs.Experienced));
        Assert.Null(result.Question);
        Assert.Null(result.Lesson);
        Assert.NotNull(result.Activity);
    }

    [Fact]
    public void SubStatement_object_has_no_question_and_takes_the_lesson_from_the_outer_context()
    {
        var sub = $$"""
            {"objectType":"SubStatement",
             "actor":{"mbox":"mailto:other@example.com"},
             "verb":{"id":"{{Verbs.Completed}}"},
             "object":{{Activity(Card("quiz"))}}}
            """;
        var result = Normalize(Statement(sub, "http://adlnet.gov/expapi/verbs/planned",
            context: """{"contextActivities":{"parent":[{"id":"https://courses.example.com/L2"}]}}""", verbDisplay: null));
        Assert.Null(result.Question);
        Assert.Equal("https://courses.example.com/L2", result.Lesson!.LessonUrl);
        Assert.Equal("planned", result.Activity!.Verb);
        Assert.Equal("e5c7e967e89124da359bc111ecfb1e65", result.User!.UserId);
    }

    [Fact]
    public void Activity_without_objectType_or_definition_is_an_unknown_question()
    {
        var result = Normalize(Statement("""{"id":"https://example.com/things/a"}""", context: ParentContext(Lesson)));
        Assert.Equal("https://example.com/things/a", result.Question!.QuestionId);
        Assert.Equal("unknown", result.Question.QuestionType);
        Assert.Null(result.Question.QuestionText);
        Assert.Null(result.Question.Description);
    }

    [Fact]
    public void Verb_short_name_prefers_english_display_then_the_iri()
    {
        Assert.Equal("answered", Normalize(Statement(Activity(Card("poll")), verbDisplay: """{"de-DE":"beantwortet"}""")).Activity!.Verb);
        Assert.Equal("Answered", Normalize(Statement(Activity(Card("poll")), verbDisplay: """{"fr":"répondu","en-GB":"Answered"}""")).Activity!.Verb);
        Assert.Equal("viewed", Normalize(Statement(Activity(Card("poll")), "https://w3id.org/xapi/verbs#viewed", verbDisplay: null)).Activity!.Verb);
    }

    [Fact]
    public void Statement_without_a_valid_id_is_skipped()
    {
        var statement = Statement(Activity(Card("poll")));
        statement["id"] = "nope";
        var result = Normalize(statement);
        Assert.Null(result.StatementId);
        Assert.True(result.IsSkipped);
        Assert.Null(result.User);
    }

    [Fact]
    public void Missing_timestamp_falls_back_to_stored()
    {
        var result = Normalize(Statement(Activity(Card("poll")), timestamp: null));
        Assert.Equal(new DateTimeOffset(2025, 10, 14, 9, 31, 5, TimeSpan.Zero), result.Activity!.Timestamp);
    }

    [Fact]
    public void Timestamp_with_an_offset_is_the_same_instant_in_utc()
    {
        var result = Normalize(Statement(Activity(Card("poll")), timestamp: "2025-10-14T11:30:00.123+02:00"));
        Assert.Equal(TimestampValue, result.Activity!.Timestamp);
        Assert.Equal(TimeSpan.Zero, result.Activity.Timestamp.Offset);
    }

    [Fact]
    public void Statement_without_timestamp_or_stored_is_skipped()
    {
        var result = Normalize(Statement(Activity(Card("poll")), timestamp: null, stored: null));
        Assert.Contains("timestamp", result.Skipped);
        Assert.Null(result.Activity);
    }

    [Fact]
    public void Result_response_that_is_not_a_string_is_kept_as_json_text()
    {
        var statement = Statement(Activity(Card("rate")));
        statement["result"] = new JsonObject { ["response"] = 42 };
        var result = Normalize(statement);
        Assert.Equal("42", result.Response!.ResponseValue);
        Assert.Equal("42", result.Response.ResponseText);
    }
}
