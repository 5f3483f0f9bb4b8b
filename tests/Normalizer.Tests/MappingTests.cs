namespace Normalizer.Tests;

/// <summary>What each analysis table holds for the real, sample and hand-written statements, read back with SQL.</summary>
[Collection(NormalizerCollection.Name)]
public sealed class MappingTests(NormalizerFixture system) : IAsyncLifetime
{
    public Task InitializeAsync() => system.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [RealSampleFact(RealSamples.Statement)]
    public Task The_real_7taps_statement_fills_every_table() => AssertFillsEveryTableAsync(TestStatements.SevenTaps(), new(
        Learner: "e5c7e967e89124da359bc111ecfb1e65",
        LessonUrl: "https://courses.practiceoflife.com/yjG39Clb0pSm",
        LessonSlug: "yjG39Clb0pSm",
        LessonNumber: null, // not in the catalogue
        LessonName: null,
        QuestionId: "https://courses.practiceoflife.com/yjG39Clb0pSm/form/2861644",
        QuestionTextStart: "🧠 Quick pulse check\nRank these 5 areas",
        Response: "aloha!"));

    [Fact]
    public Task The_sample_7taps_statement_fills_every_table() => AssertFillsEveryTableAsync(TestStatements.Sample(), new(
        Learner: "3f9a0c5d7b2e48f1a6c4d9e0b1f27a83",
        LessonUrl: "https://courses.example.org/Kq4vRt8LmZ2a",
        LessonSlug: "Kq4vRt8LmZ2a",
        LessonNumber: "1", // lesson 1 of the (sample) catalogue the fixture loads
        LessonName: "Notice Your Habits",
        QuestionId: "https://courses.example.org/Kq4vRt8LmZ2a/form/4417302",
        QuestionTextStart: "🌅 Morning check-in\nWhat do you reach for first after waking up?",
        Response: "Water first, then the phone 🙂"));

    /// <summary>What a 7taps "answered a form card" statement (no timestamp, free text, success) puts in each table.</summary>
    private sealed record FormCardRows(string Learner, string LessonUrl, string LessonSlug, string? LessonNumber, string? LessonName,
        string QuestionId, string QuestionTextStart, string Response);

    private async Task AssertFillsEveryTableAsync(JsonObject statement, FormCardRows expected)
    {
        var id = Guid.Parse((string)statement["id"]!);
        await system.PostAsync([statement]);
        // Stored by an earlier test run of this fixture or not: deliver it (again) either way.
        await system.PublishAsync([id.ToString()]);
        await system.WaitDrainedAsync();
        var timestamp = await system.ScalarAsync<DateTime>("SELECT timestamp FROM xapi.statements WHERE id = $1", id);

        var user = Assert.Single(await system.RowsAsync("SELECT * FROM users"));
        Assert.Equal(expected.Learner, user["user_id"]);
        Assert.Equal($"account:https://7taps.com|{expected.Learner}", user["ifi"]);
        Assert.Equal("xapi", user["source"]);
        Assert.Equal(timestamp, user["first_seen"]);
        Assert.Equal(timestamp, user["last_seen"]);
        Assert.Equal(id, user["statement_id"]);

        var lesson = Assert.Single(await system.RowsAsync("SELECT * FROM lessons"));
        Assert.Equal(expected.LessonUrl, lesson["lesson_url"]);
        Assert.Equal(expected.LessonSlug, lesson["lesson_slug"]);
        Assert.Equal(expected.LessonNumber, lesson["lesson_number"]);
        Assert.Equal(expected.LessonName, lesson["lesson_name"]);

        var question = Assert.Single(await system.RowsAsync("SELECT * FROM questions"));
        Assert.Equal(expected.QuestionId, question["question_id"]);
        Assert.Equal("form", question["question_type"]);
        Assert.Equal(expected.LessonUrl, question["lesson_url"]);
        Assert.StartsWith(expected.QuestionTextStart, (string)question["question_text"]!);
        Assert.Equal("[]", question["choices"]);

        var response = Assert.Single(await system.RowsAsync("SELECT * FROM user_responses"));
        Assert.Equal(id, response["statement_id"]);
        Assert.Equal(expected.Response, response["response_text"]);
        Assert.Equal(expected.Response, response["response_value"]);
        Assert.Equal(true, response["is_correct"]);
        Assert.Null(response["duration_seconds"]);
        Assert.Equal(timestamp, response["timestamp"]);
        Assert.Equal(question["question_id"], response["question_id"]);

        var activity = Assert.Single(await system.RowsAsync("SELECT * FROM user_activities"));
        Assert.Equal(TestStatements.Answered, activity["activity_type"]);
        Assert.Equal("answered", activity["verb"]);
        Assert.Equal(expected.Learner, activity["user_id"]);
        Assert.Equal(timestamp, activity["timestamp"]);
    }

    [Fact]
    public async Task Hand_written_statements_of_several_verbs_and_card_types_map_as_specified()
    {
        var lesson = TestStatements.CatalogueLesson;
        var t = TestStatements.Start;
        Guid quiz = Guid.NewGuid(), rate = Guid.NewGuid(), viewed = Guid.NewGuid(), completed = Guid.NewGuid(), poll = Guid.NewGuid();
        var choices = new JsonObject
        {
            ["interactionType"] = "choice",
            ["correctResponsesPattern"] = new JsonArray("b"),
            ["choices"] = new JsonArray(
                new JsonObject { ["id"] = "a", ["description"] = new JsonObject { ["en-US"] = "Sleep" } },
                new JsonObject { ["id"] = "b", ["description"] = new JsonObject { ["en-US"] = "Stress" } }),
        };
        var scale = new JsonObject
        {
            ["interactionType"] = "likert",
            ["scale"] = new JsonArray(
                new JsonObject { ["id"] = "1", ["description"] = new JsonObject { ["en-US"] = "Not at all" } },
                new JsonObject { ["id"] = "5", ["description"] = new JsonObject { ["en-US"] = "Very much" } }),
        };
        await system.NormalizeAsync(
        [
            TestStatements.Statement(quiz, "Learner-A", TestStatements.Answered, TestStatements.Card(lesson, "quiz", 1, "Pick one", choices), t.AddMinutes(1), lesson,
                TestStatements.Response("a[,]b", success: false, duration: "PT1M30S", scaled: 0.5), learnerName: "Ann"),
            TestStatements.Statement(rate, "learner-a", TestStatements.Answered, TestStatements.Card(lesson, "rate", 2, "How much?", scale), t.AddMinutes(2), lesson,
                TestStatements.Response("5", duration: "P1DT1H")),
            TestStatements.Statement(viewed, "learner-a", TestStatements.Experienced, TestStatements.Card(lesson, "poll", 3, "A poll"), t.AddMinutes(3), lesson),
            TestStatements.Statement(completed, "learner-b", TestStatements.Completed, TestStatements.LessonObject(lesson, "Ignored: the catalogue names it"), t),
            TestStatements.Statement(poll, "learner-b", TestStatements.Answered, TestStatements.Card(lesson, "poll", 3, "A poll"), t.AddMinutes(4), lesson,
                TestStatements.Response("yes")),
        ]);

        // 7taps account names are case-insensitive: one learner; the name comes from the statement that has one
        // only while it is the latest, so after the later statements it is gone.
        var users = await system.RowsAsync("SELECT * FROM users ORDER BY user_id");
        Assert.Equal(new[] { "learner-a", "learner-b" }, users.Select(row => (string)row["user_id"]!));
        Assert.Null(users[0]["display_name"]);
        Assert.Equal(t.AddMinutes(1).UtcDateTime, users[0]["first_seen"]);
        Assert.Equal(quiz, users[0]["first_statement_id"]);
        Assert.Equal(t.AddMinutes(3).UtcDateTime, users[0]["last_seen"]);
        Assert.Equal(viewed, users[0]["statement_id"]);

        var lessonRow = Assert.Single(await system.RowsAsync("SELECT * FROM lessons"));
        Assert.Equal(lesson, lessonRow["lesson_url"]);
        Assert.Equal("1", lessonRow["lesson_number"]);
        Assert.Equal("Notice Your Habits", lessonRow["lesson_name"]);
        Assert.Equal(t.UtcDateTime, lessonRow["first_seen"]);
        Assert.Equal(completed, lessonRow["first_statement_id"]);

        var questions = (await system.RowsAsync("SELECT * FROM questions ORDER BY question_id")).ToDictionary(row => (string)row["question_id"]!);
        Assert.Equal(3, questions.Count);
        Assert.Equal("quiz", questions[$"{lesson}/quiz/1"]["question_type"]);
        Assert.Equal("choice", questions[$"{lesson}/quiz/1"]["interaction_type"]);
        Assert.Equal(
            """[{"id": "a", "component": "choices", "description": "Sleep"}, {"id": "b", "component": "choices", "description": "Stress"}]""",
            questions[$"{lesson}/quiz/1"]["choices"]);
        Assert.Equal("""["b"]""", questions[$"{lesson}/quiz/1"]["correct_responses"]);
        Assert.Equal("rate", questions[$"{lesson}/rate/2"]["question_type"]);
        Assert.Equal("poll", questions[$"{lesson}/poll/3"]["question_type"]);
        Assert.Equal(poll, questions[$"{lesson}/poll/3"]["statement_id"]);
        Assert.Equal(viewed, questions[$"{lesson}/poll/3"]["first_statement_id"]);

        var responses = (await system.RowsAsync("SELECT * FROM user_responses")).ToDictionary(row => (Guid)row["statement_id"]!);
        Assert.Equal(3, responses.Count); // "experienced" and "completed" carry no response
        Assert.Equal("Sleep | Stress", responses[quiz]["response_text"]);
        Assert.Equal("a[,]b", responses[quiz]["response_value"]);
        Assert.Equal(false, responses[quiz]["is_correct"]);
        Assert.Equal(90.0, responses[quiz]["duration_seconds"]);
        Assert.Equal(0.5, responses[quiz]["score_scaled"]);
        Assert.Equal("Very much", responses[rate]["response_text"]);
        Assert.Equal(90_000.0, responses[rate]["duration_seconds"]);
        Assert.Null(responses[rate]["is_correct"]);
        Assert.Equal("yes", responses[poll]["response_text"]);

        var activities = (await system.RowsAsync("SELECT * FROM user_activities")).ToDictionary(row => (Guid)row["statement_id"]!);
        Assert.Equal(5, activities.Count);
        Assert.Equal(TestStatements.Experienced, activities[viewed]["activity_type"]);
        Assert.Equal($"{lesson}/poll/3", activities[viewed]["question_id"]);
        // A statement about the lesson itself belongs to the lesson and to no question.
        Assert.Equal(TestStatements.Completed, activities[completed]["activity_type"]);
        Assert.Equal(lesson, activities[completed]["lesson_url"]);
        Assert.Null(activities[completed]["question_id"]);
    }

    [Fact]
    public async Task The_tables_answer_unqualified_names_for_peoples_SQL()
    {
        await system.NormalizeAsync([TestStatements.Statement(Guid.NewGuid(), "someone", TestStatements.Answered,
            TestStatements.Card("https://courses.example.com/sp", "poll", 1, "Q"), TestStatements.Start, null, TestStatements.Response("x"))]);

        Assert.Equal("analysis, \"$user\", public", await system.ScalarAsync<string>("SHOW search_path"));
        Assert.Equal(1L, await system.ScalarAsync<long>(
            "SELECT count(*) FROM users u JOIN user_activities a USING (user_id) JOIN questions q USING (question_id) JOIN lessons l ON l.lesson_url = q.lesson_url"));
    }
}
