namespace Ingest.Tests;

/// <summary>Small hand-written statements for tests (7taps' own shape: <see cref="SampleFiles.Statement"/>, <see cref="RealSamples.Statement"/>).</summary>
public static class Statements
{
    public const string Answered = "http://adlnet.gov/expapi/verbs/answered";
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    public const string Voided = "http://adlnet.gov/expapi/verbs/voided";


    public static JsonObject Simple(Guid? id = null, string learner = "learner-1", string verb = Answered,
        string activity = "https://courses.example.com/lesson-1/poll/1000001", string? registration = null, string? response = null, string parent = "https://courses.example.com/lesson-1")
    {
        var statement = new JsonObject
        {
            ["actor"] = new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://7taps.com", ["name"] = learner } },
            ["verb"] = new JsonObject { ["id"] = verb, ["display"] = new JsonObject { ["en-US"] = verb[(verb.LastIndexOf('/') + 1)..] } },
            ["object"] = new JsonObject
            {
                ["id"] = activity,
                ["objectType"] = "Activity",
                ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "A card", ["fr"] = "Une carte" } },
            },
        };
        if (id is not null)
        {
            statement["id"] = id.ToString();
        }
        if (response is not null)
        {
            statement["result"] = new JsonObject { ["response"] = response };
        }
        if (registration is not null)
        {
            statement["context"] = new JsonObject
            {
                ["registration"] = registration,
                ["contextActivities"] = new JsonObject { ["parent"] = new JsonObject { ["id"] = parent } },
            };
        }
        return statement;
    }

    public static JsonObject Voiding(Guid target, Guid? id = null)
    {
        var statement = Simple(id, learner: "admin", verb: Voided);
        statement["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = target.ToString() };
        return statement;
    }

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>A POST of <paramref name="node"/> sent chunked, without a Content-Length.</summary>
    public static HttpRequestMessage StreamedPost(JsonNode node)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(node.ToJsonString())));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/xapi/statements") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }
}
