using System.Globalization;

namespace Normalizer.Tests;

/// <summary>Hand-written statements in the shapes 7taps sends, the sample one and the real one.</summary>
public static class TestStatements
{
    public const string Answered = "http://adlnet.gov/expapi/verbs/answered";
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    public const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";
    public const string Voided = "http://adlnet.gov/expapi/verbs/voided";

    /// <summary>In the lesson catalogue (the sample's, which the fixtures load) as lesson 1, "Notice Your Habits".</summary>
    public const string CatalogueLesson = SampleFiles.Lesson1Url;

    public static readonly DateTimeOffset Start = new(2025, 10, 14, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The statement 7taps really sent (<see cref="RealSamples"/>).</summary>
    public static JsonObject SevenTaps() => JsonNode.Parse(RealSamples.Read(RealSamples.Statement))!.AsObject();

    /// <summary>The sample statement in 7taps' shape (<see cref="SampleFiles"/>): lesson 1 of the sample catalogue.</summary>
    public static JsonObject Sample() => JsonNode.Parse(SampleFiles.Read(SampleFiles.Statement))!.AsObject();

    public static JsonObject Statement(Guid id, string learner, string verb, JsonObject @object, DateTimeOffset timestamp,
        string? lesson = null, JsonObject? result = null, string? learnerName = null)
    {
        var actor = new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://7taps.com", ["name"] = learner } };
        if (learnerName is not null)
        {
            actor["name"] = learnerName;
        }
        var statement = new JsonObject
        {
            ["id"] = id.ToString(),
            ["actor"] = actor,
            ["verb"] = new JsonObject { ["id"] = verb, ["display"] = new JsonObject { ["en-US"] = verb[(verb.LastIndexOf('/') + 1)..] } },
            ["object"] = @object,
            ["timestamp"] = timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (result is not null)
        {
            statement["result"] = result;
        }
        if (lesson is not null)
        {
            statement["context"] = new JsonObject
            {
                ["contextActivities"] = new JsonObject { ["parent"] = new JsonObject { ["id"] = lesson, ["objectType"] = "Activity" } },
            };
        }
        return statement;
    }

    /// <summary>A 7taps card: <c>{lesson}/{cardType}/{number}</c>.</summary>
    public static JsonObject Card(string lesson, string cardType, int number, string prompt, JsonObject? extraDefinition = null)
    {
        var definition = new JsonObject
        {
            ["name"] = new JsonObject { ["en-US"] = prompt },
            ["type"] = "http://adlnet.gov/expapi/activities/question",
        };
        foreach (var (key, value) in extraDefinition ?? [])
        {
            definition[key] = value?.DeepClone();
        }
        return new JsonObject { ["objectType"] = "Activity", ["id"] = $"{lesson}/{cardType}/{number}", ["definition"] = definition };
    }

    public static JsonObject LessonObject(string lesson, string name) => new()
    {
        ["objectType"] = "Activity",
        ["id"] = lesson,
        ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = name }, ["type"] = "http://adlnet.gov/expapi/activities/lesson" },
    };

    public static JsonObject Response(string response, bool? success = null, string? duration = null, double? scaled = null)
    {
        var result = new JsonObject { ["response"] = response };
        if (success is not null)
        {
            result["success"] = success;
        }
        if (duration is not null)
        {
            result["duration"] = duration;
        }
        if (scaled is not null)
        {
            result["score"] = new JsonObject { ["scaled"] = scaled };
        }
        return result;
    }

    public static JsonObject Voiding(Guid id, Guid target, DateTimeOffset timestamp) =>
        Statement(id, "admin", Voided, new JsonObject { ["objectType"] = "StatementRef", ["id"] = target.ToString() }, timestamp);

    /// <summary>A deterministic mixed workload: several learners, lessons, card types and verbs.</summary>
    public static List<JsonObject> Workload(int count, int seed, string lessonPrefix = "https://courses.example.com/w")
    {
        var random = new Random(seed);
        string[] cardTypes = ["poll", "form", "quiz", "rate", "submit-media"];
        var statements = new List<JsonObject>(count);
        for (var index = 0; index < count; index++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
            var id = new Guid(bytes);
            var learner = $"learner-{random.Next(40)}";
            var lesson = $"{lessonPrefix}/lesson{random.Next(6)}";
            // Timestamps collide on purpose (1 s granularity, few seconds): ties must be broken the same way everywhere.
            var timestamp = Start.AddSeconds(random.Next(30));
            var kind = random.Next(10);
            statements.Add(kind switch
            {
                0 => Statement(id, learner, Completed, LessonObject(lesson, $"Lesson {lesson[^1]} v{random.Next(3)}"), timestamp),
                1 => Statement(id, learner, Experienced, Card(lesson, cardTypes[random.Next(cardTypes.Length)], random.Next(4), "Read this"), timestamp, lesson),
                _ => Statement(id, learner, Answered,
                    Card(lesson, cardTypes[random.Next(cardTypes.Length)], random.Next(4), $"Prompt v{random.Next(3)}"),
                    timestamp, lesson, Response($"answer {random.Next(5)}", random.Next(2) == 0, $"PT{random.Next(90)}S"),
                    learnerName: $"Name v{random.Next(3)}"),
            });
        }
        return statements;
    }
}
