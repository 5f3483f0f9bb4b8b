using Normalizer.Worker.Normalization;
using static Normalizer.Tests.Normalization.Fixtures;

namespace Normalizer.Tests.Normalization;

/// <summary>Which lesson a statement belongs to, and catalogue enrichment.</summary>
public class LessonTests
{
    private const string Lesson1 = SampleFiles.Lesson1Url;

    [Fact]
    public void Parent_given_as_an_object()
    {
        var result = Normalize(Statement(Activity("https://example.com/q/a"), context: ParentContext("https://courses.example.com/L9")));
        Assert.Equal("https://courses.example.com/L9", result.Lesson!.LessonUrl);
        Assert.Equal("L9", result.Lesson.LessonSlug);
        Assert.Equal("https://courses.example.com/L9", result.Question!.LessonUrl);
    }

    [Fact]
    public void Parent_given_as_an_array_takes_the_first_with_an_id()
    {
        var context = """
            {"contextActivities":{"parent":[{"objectType":"Activity"},{"id":"https://courses.example.com/first"},{"id":"https://courses.example.com/second"}],
                                  "grouping":[{"id":"https://courses.example.com"}]}}
            """;
        var result = Normalize(Statement(Activity("https://example.com/q/a"), context: context));
        Assert.Equal("https://courses.example.com/first", result.Lesson!.LessonUrl);
    }

    [Fact]
    public void Card_parent_wins_over_the_card_prefix()
    {
        var result = Normalize(Statement(Activity(Card("poll")), context: ParentContext("https://courses.practiceoflife.com/OTHER1")));
        Assert.Equal("https://courses.practiceoflife.com/OTHER1", result.Lesson!.LessonUrl);
    }

    [Fact]
    public void Card_without_parent_uses_the_prefix_cleaned()
    {
        var result = Normalize(Statement(Activity("HTTPS://Courses.PracticeOfLife.com/yjG39Clb0pSm/quiz/42?ref=mail")));
        Assert.Equal(Lesson, result.Lesson!.LessonUrl);
        Assert.Equal("quiz", result.Question!.QuestionType);
        Assert.Equal(Lesson + "/quiz/42?ref=mail", result.Question.QuestionId);
    }

    [Fact]
    public void Parent_url_is_cleaned()
    {
        var result = Normalize(Statement(Activity(Card("form")), context: ParentContext(" HTTPS://courses.practiceoflife.com:443/yjG39Clb0pSm/?utm_source=x#top ")));
        Assert.Equal(Lesson, result.Lesson!.LessonUrl);
    }

    [Fact]
    public void No_parent_no_card_and_a_question_verb_means_no_lesson()
    {
        var result = Normalize(Statement(Activity("https://example.com/q/a", """{"interactionType":"choice"}""")));
        Assert.Null(result.Lesson);
        Assert.Null(result.Question!.LessonUrl);
        Assert.Null(result.Response!.LessonUrl);
        Assert.Null(result.Activity!.LessonUrl);
    }

    [Fact]
    public void Completed_on_a_question_like_activity_does_not_make_it_a_lesson()
    {
        var result = Normalize(Statement(
            Activity("https://example.com/q/a", """{"type":"http://adlnet.gov/expapi/activities/question"}"""), Verbs.Completed, verbDisplay: null));
        Assert.Null(result.Lesson);
        Assert.Equal("question", result.Question!.QuestionType);
    }

    [Fact]
    public void Lesson_typed_object_is_the_lesson_even_under_a_course_parent()
    {
        var result = Normalize(Statement(
            Activity("https://courses.example.com/course/lesson-3", """{"type":"http://adlnet.gov/expapi/activities/lesson","name":{"en-US":"Lesson 3"}}"""),
            Verbs.Attempted,
            context: ParentContext("https://courses.example.com/course"),
            verbDisplay: null));
        Assert.Equal("https://courses.example.com/course/lesson-3", result.Lesson!.LessonUrl);
        Assert.Equal("Lesson 3", result.Lesson.LessonName);
        Assert.Null(result.Question);
    }

    [Fact]
    public void Module_typed_object_with_any_verb_is_the_lesson()
    {
        var result = Normalize(Statement(
            Activity("https://courses.example.com/m1", """{"type":"http://adlnet.gov/expapi/activities/module"}"""), Verbs.Viewed, verbDisplay: null));
        Assert.Equal("https://courses.example.com/m1", result.Lesson!.LessonUrl);
        Assert.Null(result.Question);
    }

    [Fact]
    public void Object_equal_to_its_parent_is_the_lesson()
    {
        var result = Normalize(Statement(Activity(Lesson + "/"), Verbs.Experienced, context: ParentContext(Lesson), verbDisplay: null));
        Assert.Equal(Lesson, result.Lesson!.LessonUrl);
        Assert.Null(result.Question);
    }

    [Fact]
    public void Lesson_name_comes_from_the_parent_definition_as_plain_text()
    {
        var context = """
            {"contextActivities":{"parent":{"id":"https://courses.example.com/L5",
              "definition":{"name":{"en-US":"{\"ops\":[{\"insert\":\"Reclaim \"},{\"attributes\":{\"italic\":true},\"insert\":\"Your Rest\"},{\"insert\":\"\\n\"}]}"}}}}}
            """;
        var result = Normalize(Statement(Activity("https://example.com/q/a"), context: context));
        Assert.Equal("Reclaim Your Rest", result.Lesson!.LessonName);
        Assert.Null(result.Lesson.LessonNumber);
    }

    [Fact]
    public void Catalogue_enriches_a_known_lesson_with_number_and_name()
    {
        var result = Normalize(
            Statement(Activity(Lesson1 + "/poll/1"), context: ParentContext("https://Courses.Example.ORG/Kq4vRt8LmZ2a/?from=app")),
            SampleCatalogue());
        Assert.Equal(Lesson1, result.Lesson!.LessonUrl);
        Assert.Equal("1", result.Lesson.LessonNumber);
        Assert.Equal("Notice Your Habits", result.Lesson.LessonName);
    }

    [Fact]
    public void Catalogue_name_wins_over_the_definition_name()
    {
        var context = "{\"contextActivities\":{\"parent\":{\"id\":\"" + Lesson1 + "\",\"definition\":{\"name\":{\"en-US\":\"Lesson one (draft)\"}}}}}";
        var result = Normalize(Statement(Activity(Lesson1 + "/form/2"), context: context), SampleCatalogue());
        Assert.Equal("Notice Your Habits", result.Lesson!.LessonName);
        var without = Normalize(Statement(Activity(Lesson1 + "/form/2"), context: context));
        Assert.Equal("Lesson one (draft)", without.Lesson!.LessonName);
    }

    [Fact]
    public void Lesson_level_completed_with_catalogue()
    {
        var result = Normalize(
            Statement(Activity("https://courses.example.org/Mv2cLp5RnX8k"), Verbs.Completed, verbDisplay: null),
            SampleCatalogue());
        Assert.Equal("6", result.Lesson!.LessonNumber);
        Assert.Equal("Keep What Works", result.Lesson.LessonName);
        Assert.Equal("Mv2cLp5RnX8k", result.Lesson.LessonSlug);
    }

    [Fact]
    public void Lesson_row_carries_first_statement_and_seen_at()
    {
        var result = Normalize(Statement(Activity(Card("poll"))));
        Assert.Equal(IdValue, result.Lesson!.FirstStatementId);
        Assert.Equal(TimestampValue, result.Lesson.SeenAt);
    }
}
