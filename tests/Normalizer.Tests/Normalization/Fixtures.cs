using System.Text.Json.Nodes;
using Normalizer.Worker.Normalization;

namespace Normalizer.Tests.Normalization;

/// <summary>Verb IRIs used by the tests.</summary>
internal static class Verbs
{
    public const string Answered = "http://adlnet.gov/expapi/verbs/answered";
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    public const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";
    public const string Attempted = "http://adlnet.gov/expapi/verbs/attempted";
    public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
    public const string Failed = "http://adlnet.gov/expapi/verbs/failed";
    public const string Initialized = "http://adlnet.gov/expapi/verbs/initialized";
    public const string Terminated = "http://adlnet.gov/expapi/verbs/terminated";
    public const string Voided = "http://adlnet.gov/expapi/verbs/voided";
    public const string Commented = "http://adlnet.gov/expapi/verbs/commented";
    public const string Viewed = "http://id.tincanapi.com/verb/viewed";
}

/// <summary>Statements in the LRS's stored ("exact") shape, built from JSON pieces.</summary>
internal static class Fixtures
{
    public const string Id = "5f1a1f0e-3c0b-4a53-9b58-6f4b1d6c2a10";
    public const string Timestamp = "2025-10-14T09:30:00.123Z";
    public const string Stored = "2025-10-14T09:31:05.000Z";
    public const string Lesson = "https://courses.practiceoflife.com/yjG39Clb0pSm";
    public const string LearnerHash = "e5c7e967e89124da359bc111ecfb1e65";
    public const string SevenTapsActor = """{"account":{"homePage":"https://7taps.com","name":"e5c7e967e89124da359bc111ecfb1e65"}}""";
    public const string Authority = """{"objectType":"Agent","name":"7taps","account":{"homePage":"https://lrs.example.com","name":"7taps-client"}}""";

    public static readonly DateTimeOffset TimestampValue = new(2025, 10, 14, 9, 30, 0, 123, TimeSpan.Zero);
    public static readonly Guid IdValue = Guid.Parse(Id);

    public static string Card(string slug, int number = 100) => $"{Lesson}/{slug}/{number}";

    /// <summary>An Activity object; <paramref name="definition"/> is the definition's JSON, or none.</summary>
    public static string Activity(string id, string? definition = null) =>
        definition is null
            ? $$"""{"objectType":"Activity","id":"{{id}}"}"""
            : $$"""{"objectType":"Activity","id":"{{id}}","definition":{{definition}}}""";

    public static string ParentContext(string parentId) =>
        "{\"contextActivities\":{\"parent\":{\"id\":\"" + parentId + "\",\"objectType\":\"Activity\"}}}";

    public static JsonObject Statement(
        string @object,
        string verb = Verbs.Answered,
        string? result = null,
        string? context = null,
        string? actor = null,
        string? verbDisplay = """{"en-US":"answered"}""",
        string? timestamp = Timestamp,
        string? stored = Stored)
    {
        var verbNode = new JsonObject { ["id"] = verb };
        if (verbDisplay is not null)
        {
            verbNode["display"] = JsonNode.Parse(verbDisplay);
        }

        var statement = new JsonObject
        {
            ["id"] = Id,
            ["actor"] = JsonNode.Parse(actor ?? SevenTapsActor),
            ["verb"] = verbNode,
            ["object"] = JsonNode.Parse(@object),
        };

        if (result is not null)
        {
            statement["result"] = JsonNode.Parse(result);
        }

        if (context is not null)
        {
            statement["context"] = JsonNode.Parse(context);
        }

        if (timestamp is not null)
        {
            statement["timestamp"] = timestamp;
        }

        if (stored is not null)
        {
            statement["stored"] = stored;
        }

        statement["authority"] = JsonNode.Parse(Authority);
        statement["version"] = "1.0.0";
        return statement;
    }

    /// <summary>The real 7taps statement (<see cref="RealSamples"/>), completed as the LRS stores it.</summary>
    public static JsonObject RealStatement(string timestamp = "2025-10-11T14:03:12.345Z") => AsStored(RealSamples.Read(RealSamples.Statement), timestamp);

    public static LessonCatalogue RealCatalogue() => LessonCatalogue.Parse(RealSamples.Read(RealSamples.Catalogue));

    /// <summary>The sample 7taps statement (<see cref="SampleFiles"/>), completed as the LRS stores it.</summary>
    public static JsonObject SampleStatement(string timestamp = "2026-03-02T07:41:09.250Z") => AsStored(SampleFiles.Read(SampleFiles.Statement), timestamp);

    public static LessonCatalogue SampleCatalogue() => LessonCatalogue.Parse(SampleFiles.Read(SampleFiles.Catalogue));

    private static JsonObject AsStored(string json, string timestamp)
    {
        var statement = JsonNode.Parse(json)!.AsObject();
        statement["timestamp"] = timestamp;
        statement["stored"] = timestamp;
        statement["authority"] = JsonNode.Parse(Authority);
        statement["version"] = "1.0.0";
        return statement;
    }

    public static NormalizedStatement Normalize(JsonObject statement, LessonCatalogue? catalogue = null) =>
        StatementNormalizer.Normalize(statement, catalogue);
}
