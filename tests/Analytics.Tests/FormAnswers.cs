namespace Analytics.Tests;

/// <summary>Free-text answers to a form card, shaped as 7taps sends them, each from a new learner.</summary>
public static class FormAnswers
{
    public static string Create(string question, string lesson, string answer) => new JsonObject
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["actor"] = new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://7taps.com", ["name"] = $"learner{Guid.NewGuid():N}" } },
        ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/answered" },
        ["object"] = new JsonObject
        {
            ["id"] = question,
            ["definition"] = new JsonObject { ["type"] = "http://adlnet.gov/expapi/activities/question", ["interactionType"] = "long-fill-in" },
        },
        ["result"] = new JsonObject { ["response"] = answer },
        ["context"] = new JsonObject { ["contextActivities"] = new JsonObject { ["parent"] = new JsonObject { ["id"] = lesson } } },
    }.ToJsonString();
}
