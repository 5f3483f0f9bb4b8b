namespace Analytics.Tests;

/// <summary>Hand-written xAPI statements: a learner's free-text answer to a form card, and the voiding of a statement.</summary>
internal static class TestAnswers
{
    public static string FormAnswer(string question, string answer, Guid? id = null) => new JsonObject
    {
        ["id"] = (id ?? Guid.NewGuid()).ToString(),
        ["actor"] = Learner(),
        ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/answered" },
        ["object"] = new JsonObject
        {
            ["id"] = question,
            ["definition"] = new JsonObject { ["type"] = "http://adlnet.gov/expapi/activities/question", ["interactionType"] = "long-fill-in" },
        },
        ["result"] = new JsonObject { ["response"] = answer },
        ["context"] = new JsonObject { ["contextActivities"] = new JsonObject { ["parent"] = new JsonObject { ["id"] = question[..question.IndexOf("/form/", StringComparison.Ordinal)] } } },
    }.ToJsonString();

    public static string Voiding(Guid statementId) => new JsonObject
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["actor"] = Learner(),
        ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/voided" },
        ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = statementId.ToString() },
    }.ToJsonString();

    private static JsonObject Learner() =>
        new() { ["account"] = new JsonObject { ["homePage"] = "https://7taps.com", ["name"] = $"learner{Guid.NewGuid():N}" } };
}
