namespace SevenTaps.Bench;

/// <summary>Statements shaped like the one 7taps really sends (about 1.25 KB each), varied by learner and card.</summary>
public static class SevenTapsStatements
{
    private const string Template = """
        {"id":"__ID__","verb":{"id":"http://adlnet.gov/expapi/verbs/answered","display":{"en-US":"answered"}},
        "actor":{"account":{"name":"__LEARNER__","homePage":"https://7taps.com"}},
        "object":{"id":"https://courses.practiceoflife.com/yjG39Clb0pSm/form/__CARD__","definition":{"name":{"en-US":"{\"ops\":[{\"attributes\":{\"bold\":true},\"insert\":\"🧠 Quick pulse check\"},{\"insert\":\"\\nRank these 5 areas by what you \"},{\"attributes\":{\"bold\":true},\"insert\":\"most want to improve right now \"},{\"insert\":\"— start with your top priority and go down.\\n(1 = top priority, 5 = lowest)\\n\\n-Screen time\\n-Sleep\\n-Productivity\\n-Real-life connection\\n-Stress management\\n\"}]}"},
        "type":"http://adlnet.gov/expapi/activities/question","description":{"en-US":"7taps form"}},"objectType":"Activity"},
        "result":{"success":true,"response":"Sleep first, then screen time, stress, productivity and connection."},
        "context":{"contextActivities":{"parent":{"id":"https://courses.practiceoflife.com/yjG39Clb0pSm","objectType":"Activity"}}}}
        """;

    private static readonly string Compact = JsonNode.Parse(Template)!.ToJsonString();

    public static (Guid Id, string Json) Create(int sequence)
    {
        var id = Guid.NewGuid();
        var learner = Convert.ToHexStringLower(BitConverter.GetBytes((long)sequence % 20_000)).PadLeft(32, '0');
        return (id, Compact.Replace("__ID__", id.ToString()).Replace("__LEARNER__", learner).Replace("__CARD__", (2_000_000 + sequence % 500).ToString()));
    }

    public static int Size => Encoding.UTF8.GetByteCount(Create(0).Json);
}
