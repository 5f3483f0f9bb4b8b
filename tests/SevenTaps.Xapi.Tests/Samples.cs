using System.Text.Json.Nodes;

namespace SevenTaps.Xapi.Tests;

/// <summary>Statements shared by the tests, and helpers to derive variants from them.</summary>
internal static class Samples
{
    public const string V1 = "1.0.3";
    public const string V2 = "2.0.0";

    /// <summary>The simplest valid Statement: actor, verb, object.</summary>
    public const string MinimalJson = """
        {
          "actor": { "mbox": "mailto:learner@example.com" },
          "verb": { "id": "http://adlnet.gov/expapi/verbs/completed", "display": { "en-US": "completed" } },
          "object": { "id": "http://example.com/activities/course-1" }
        }
        """;

    /// <summary>A real Statement sent by 7taps (single parent object, Quill Delta JSON in a name).</summary>
    public const string SevenTapsJson = """
        {"id":"dcaad89f-9676-43b0-88bb-694e37f4056d","verb":{"id":"http://adlnet.gov/expapi/verbs/answered","display":{"en-US":"answered"}},"actor":{"account":{"name":"e5c7e967e89124da359bc111ecfb1e65","homePage":"https://7taps.com"}},"object":{"id":"https://courses.practiceoflife.com/yjG39Clb0pSm/form/2861644","definition":{"name":{"en-US":"{\"ops\":[{\"attributes\":{\"bold\":true},\"insert\":\"🧠 Quick pulse check\"},{\"insert\":\"\\nRank these 5 areas\\n\"}]}"},"type":"http://adlnet.gov/expapi/activities/question","description":{"en-US":"7taps form"}},"objectType":"Activity"},"result":{"success":true,"response":"aloha!"},"context":{"contextActivities":{"parent":{"id":"https://courses.practiceoflife.com/yjG39Clb0pSm","objectType":"Activity"}}}}
        """;

    public static JsonObject Minimal() => JsonNode.Parse(MinimalJson)!.AsObject();

    public static JsonNode N(string json) => JsonNode.Parse(json)!;

    /// <summary>Minimal Statement changed by <paramref name="mutate"/>, as JSON text.</summary>
    public static string With(Action<JsonObject> mutate)
    {
        var statement = Minimal();
        mutate(statement);
        return statement.ToJsonString();
    }

    /// <summary>Minimal Statement whose object is an Activity with the given definition.</summary>
    public static string WithDefinition(string definitionJson) =>
        With(s => s["object"] = N($$"""{ "objectType": "Activity", "id": "http://example.com/q/1", "definition": {{definitionJson}} }"""));

    /// <summary>Minimal Statement with the given context.</summary>
    public static string WithContext(string contextJson) => With(s => s["context"] = N(contextJson));

    /// <summary>Minimal Statement whose object is a SubStatement with the given extra properties merged in.</summary>
    public static string WithSubStatement(Action<JsonObject> mutateSubStatement) => With(s =>
    {
        var sub = N("""
            {
              "objectType": "SubStatement",
              "actor": { "objectType": "Agent", "mbox": "mailto:test@example.com" },
              "verb": { "id": "http://example.com/visited", "display": { "en-US": "will visit" } },
              "object": { "objectType": "Activity", "id": "http://example.com/website" }
            }
            """).AsObject();
        mutateSubStatement(sub);
        s["object"] = sub;
    });

    /// <summary>Minimal Statement with one Attachment changed by <paramref name="mutateAttachment"/>.</summary>
    public static string WithAttachment(Action<JsonObject> mutateAttachment) => With(s =>
    {
        var attachment = N("""
            {
              "usageType": "http://adlnet.gov/expapi/attachments/signature",
              "display": { "en-US": "Signature" },
              "contentType": "application/octet-stream",
              "length": 4235,
              "sha2": "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634"
            }
            """).AsObject();
        mutateAttachment(attachment);
        s["attachments"] = new JsonArray(attachment);
    });
}
