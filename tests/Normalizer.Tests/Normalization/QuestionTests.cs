using Normalizer.Worker.Normalization;
using static Normalizer.Tests.Normalization.Fixtures;

namespace Normalizer.Tests.Normalization;

/// <summary>Card types, interaction types, question texts, choices and readable responses.</summary>
public class QuestionTests
{
    private const string PollDefinition = """
        {"name":{"en-US":"How do you feel?"},
         "interactionType":"choice",
         "choices":[
           {"id":"a","description":{"en-US":"Great"}},
           {"id":"b","description":{"en-US":"Fine"}},
           {"id":"c","description":{"en-US":"Tired"}}]}
        """;

    [Fact]
    public void Poll_card_with_choices_maps_ids_to_descriptions()
    {
        var result = Normalize(Statement(Activity(Card("poll", 7), PollDefinition), result: """{"response":"a[,]c"}"""));
        var question = result.Question!;
        Assert.Equal("poll", question.QuestionType);
        Assert.Equal("choice", question.InteractionType);
        Assert.Equal("How do you feel?", question.QuestionText);
        Assert.Equal(
            [new QuestionChoice("a", "Great", "choices"), new QuestionChoice("b", "Fine", "choices"), new QuestionChoice("c", "Tired", "choices")],
            question.Choices);
        Assert.Equal("a[,]c", result.Response!.ResponseValue);
        Assert.Equal("Great | Tired", result.Response.ResponseText);
        Assert.Equal(Lesson, question.LessonUrl); // no parent: the card's prefix
    }

    [Fact]
    public void Unknown_choice_ids_are_kept()
    {
        var result = Normalize(Statement(Activity(Card("poll"), PollDefinition), result: """{"response":"b[,]zzz"}"""));
        Assert.Equal("Fine | zzz", result.Response!.ResponseText);
    }

    [Fact]
    public void Quiz_card_with_correct_pattern_and_score()
    {
        var definition = """
            {"name":{"en":"Which are habits?"},"interactionType":"choice",
             "correctResponsesPattern":["x[,]y"],
             "choices":[{"id":"x","description":{"en-US":"Sleep"}},{"id":"y","description":{"en-US":"Walk"}},{"id":"z","description":{"en-US":"Doomscroll"}}]}
            """;
        var result = Normalize(Statement(
            Activity(Card("quiz", 55), definition),
            result: """{"response":"x[,]z","success":false,"score":{"raw":1,"min":0,"max":2,"scaled":0.5},"duration":"PT12S"}"""));
        Assert.Equal("quiz", result.Question!.QuestionType);
        Assert.Equal(["x[,]y"], result.Question.CorrectResponses);
        Assert.Equal("Which are habits?", result.Question.QuestionText);
        var response = result.Response!;
        Assert.Equal("Sleep | Doomscroll", response.ResponseText);
        Assert.False(response.IsCorrect);
        Assert.Equal(1, response.ScoreRaw);
        Assert.Equal(0, response.ScoreMin);
        Assert.Equal(2, response.ScoreMax);
        Assert.Equal(0.5, response.ScoreScaled);
        Assert.Equal(12, response.DurationSeconds);
    }

    [Fact]
    public void Rate_card_with_likert_scale_maps_the_response_to_the_scale_label()
    {
        var definition = """
            {"name":{"en-US":"Rate your sleep"},"interactionType":"likert",
             "scale":[{"id":"1","description":{"en-US":"Poor"}},{"id":"5","description":{"en-US":"Excellent"}}]}
            """;
        var result = Normalize(Statement(Activity(Card("rate"), definition), result: """{"response":"5"}"""));
        Assert.Equal("rate", result.Question!.QuestionType);
        Assert.Equal("scale", result.Question.Choices[0].Component);
        Assert.Equal("Excellent", result.Response!.ResponseText);
        Assert.Equal("5", result.Response.ResponseValue);
    }

    [Fact]
    public void Form_card_free_text_is_kept_as_is()
    {
        var result = Normalize(Statement(
            Activity(Card("form"), """{"name":{"en-US":"What will you change?"},"interactionType":"long-fill-in"}"""),
            result: """{"response":"Phone out of the bedroom.\nRead instead."}"""));
        Assert.Equal("form", result.Question!.QuestionType);
        Assert.Equal("Phone out of the bedroom.\nRead instead.", result.Response!.ResponseText);
    }

    [Theory]
    [InlineData("submit-media")]
    [InlineData("submit_media")]
    [InlineData("submitmedia")]
    [InlineData("Submit-Media")]
    public void Submit_media_slug_variants_become_one_type(string slug)
    {
        var result = Normalize(Statement(Activity(Card(slug)), result: """{"response":"https://cdn.example.com/u/photo.jpg"}"""));
        Assert.Equal("submit media", result.Question!.QuestionType);
        Assert.Equal(Lesson, result.Lesson!.LessonUrl);
        Assert.Equal("https://cdn.example.com/u/photo.jpg", result.Response!.ResponseText);
    }

    [Theory]
    [InlineData("choice", false, "poll")]
    [InlineData("choice", true, "quiz")]
    [InlineData("true-false", true, "quiz")]
    [InlineData("sequencing", false, "poll")]
    [InlineData("likert", false, "rate")]
    [InlineData("fill-in", false, "form")]
    [InlineData("long-fill-in", true, "form")]
    [InlineData("numeric", false, "form")]
    [InlineData("matching", true, "quiz")]
    [InlineData("performance", false, "other")]
    [InlineData("other", false, "other")]
    public void Question_type_from_interaction_type_when_the_id_is_not_a_card(string interactionType, bool withPattern, string expected)
    {
        var pattern = withPattern ? ""","correctResponsesPattern":["a"]""" : string.Empty;
        var definition = $$"""{"interactionType":"{{interactionType}}"{{pattern}}}""";
        var result = Normalize(Statement(Activity("https://lms.example.com/q?id=17", definition), context: ParentContext(Lesson)));
        Assert.Equal(expected, result.Question!.QuestionType);
        Assert.Equal(interactionType, result.Question.InteractionType);
    }

    [Fact]
    public void Known_card_slug_wins_over_interaction_type()
    {
        var result = Normalize(Statement(Activity(Card("poll"), """{"interactionType":"choice","correctResponsesPattern":["a"]}""")));
        Assert.Equal("poll", result.Question!.QuestionType);
    }

    [Fact]
    public void Unknown_card_slug_yields_to_interaction_type_else_names_the_type()
    {
        Assert.Equal("form", Normalize(Statement(Activity(Card("open-question"), """{"interactionType":"long-fill-in"}"""))).Question!.QuestionType);
        var plain = Normalize(Statement(Activity(Card("open-question"))));
        Assert.Equal("open question", plain.Question!.QuestionType);
        Assert.Equal(Lesson, plain.Lesson!.LessonUrl);
    }

    [Fact]
    public void Question_type_from_definition_type_last_segment()
    {
        var result = Normalize(Statement(
            Activity("https://example.com/a1", """{"type":"http://adlnet.gov/expapi/activities/cmi.interaction"}"""),
            context: ParentContext(Lesson)));
        Assert.Equal("cmi.interaction", result.Question!.QuestionType);
    }

    [Fact]
    public void Matching_response_is_shown_as_readable_pairs()
    {
        var definition = """
            {"interactionType":"matching",
             "source":[{"id":"s1","description":{"en-US":"Sleep"}},{"id":"s2","description":{"en-US":"Stress"}}],
             "target":[{"id":"t1","description":{"en-US":"8 hours"}},{"id":"t2","description":{"en-US":"Breathing"}}]}
            """;
        var result = Normalize(Statement(Activity("https://example.com/match", definition), result: """{"response":"s1[.]t1[,]s2[.]t2"}""",
            context: ParentContext(Lesson)));
        Assert.Equal("Sleep → 8 hours | Stress → Breathing", result.Response!.ResponseText);
        Assert.Equal(["source", "source", "target", "target"], result.Question!.Choices.Select(c => c.Component));
    }

    [Fact]
    public void Performance_response_names_the_steps()
    {
        var definition = """
            {"interactionType":"performance",
             "steps":[{"id":"breathe","description":{"en-US":"Breathe in"}},{"id":"hold","description":{"en-US":"Hold"}}]}
            """;
        var result = Normalize(Statement(Activity("https://example.com/perf", definition), result: """{"response":"breathe[.]4[,]hold[.]7"}""",
            context: ParentContext(Lesson)));
        Assert.Equal("Breathe in: 4 | Hold: 7", result.Response!.ResponseText);
    }

    [Fact]
    public void Sequencing_response_keeps_the_order_with_descriptions()
    {
        var definition = """
            {"interactionType":"sequencing",
             "choices":[{"id":"sleep","description":{"en-US":"Sleep"}},{"id":"screen","description":{"en-US":"Screen time"}}]}
            """;
        var result = Normalize(Statement(Activity("https://example.com/rank", definition), result: """{"response":"screen[,]sleep"}""",
            context: ParentContext(Lesson)));
        Assert.Equal("Screen time | Sleep", result.Response!.ResponseText);
    }

    [Fact]
    public void Response_list_without_interaction_type_is_joined_readably()
    {
        var result = Normalize(Statement(Activity(Card("quiz")), result: """{"response":"Sleep[,]Stress management"}"""));
        Assert.Equal("Sleep | Stress management", result.Response!.ResponseText);
    }

    [Fact]
    public void Question_text_prefers_en_US_then_en_then_any_language()
    {
        Assert.Equal("Hello", Normalize(Statement(Activity(Card("poll"), """{"name":{"fr":"Bonjour","en":"Hi","en-US":"Hello"}}"""))).Question!.QuestionText);
        Assert.Equal("Hi", Normalize(Statement(Activity(Card("poll"), """{"name":{"fr":"Bonjour","en":"Hi"}}"""))).Question!.QuestionText);
        Assert.Equal("Bonjour", Normalize(Statement(Activity(Card("poll"), """{"name":{"fr":"Bonjour","de":"Hallo"}}"""))).Question!.QuestionText);
    }

    [Fact]
    public void Choice_descriptions_in_quill_delta_are_plain_text()
    {
        var definition = """
            {"interactionType":"choice","choices":[{"id":"a","description":{"en-US":"{\"ops\":[{\"attributes\":{\"bold\":true},\"insert\":\"Yes\"},{\"insert\":\" 👍\\n\"}]}"}}]}
            """;
        var result = Normalize(Statement(Activity(Card("poll"), definition), result: """{"response":"a"}"""));
        Assert.Equal("Yes 👍", result.Question!.Choices[0].Description);
        Assert.Equal("Yes 👍", result.Response!.ResponseText);
    }

    [Fact]
    public void Question_id_keeps_query_and_fragment_but_is_cleaned()
    {
        var result = Normalize(Statement(Activity("HTTPS://LMS.Example.com:443/Course/Quiz?q=3#Part%7e1"), context: ParentContext(Lesson)));
        Assert.Equal("https://lms.example.com/Course/Quiz?q=3#Part~1", result.Question!.QuestionId);
        Assert.Equal(result.Question.QuestionId, result.Activity!.QuestionId);
    }

    [Fact]
    public void Names_given_as_plain_strings_are_taken_as_they_are()
    {
        var result = Normalize(Statement(Activity(Card("poll"), """{"name":"  Plain title ","description":"Plain description"}""")));
        Assert.Equal("Plain title", result.Question!.QuestionText);
        Assert.Equal("Plain description", result.Question.Description);
    }

    [Fact]
    public void Blank_language_map_values_are_skipped()
    {
        var result = Normalize(Statement(Activity(Card("poll"), """{"name":{"en-US":"  ","es":"Hola"}}""")));
        Assert.Equal("Hola", result.Question!.QuestionText);
    }
}
