using System.Text.Json.Nodes;
using SevenTaps.Xapi;
using static SevenTaps.Xapi.Tests.Samples;

namespace SevenTaps.Xapi.Tests;

/// <summary>Statements the spec allows; each one MUST validate without any error.</summary>
public class ValidStatementTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        void Add(string name, string json, string version = V1) => data.Add(name, version, json);

        Add("minimal statement (1.0.3)", MinimalJson);
        Add("minimal statement (2.0.0)", MinimalJson, V2);
        Add("7taps statement: single parent object and Quill JSON in name (1.0.3)", SevenTapsJson);
        Add("7taps statement (2.0.0)", SevenTapsJson, V2);
        Add("version 1.0, as the version header may say it (1.0.3)", With(s => s["version"] = "1.0"));
        Add("version 1.0 (2.0.0)", With(s => s["version"] = "1.0"), V2);
        Add("version 2.0 (2.0.0)", With(s => s["version"] = "2.0"), V2);
        Add("version 1.0.9, any 1.0.x (1.0.3)", With(s => s["version"] = "1.0.9"));
        Add("actor identified by mbox_sha1sum", With(s => s["actor"] = N("""{ "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" }""")));
        Add("actor identified by upper-case mbox_sha1sum", With(s => s["actor"] = N("""{ "mbox_sha1sum": "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9" }""")));
        Add("actor identified by openid", With(s => s["actor"] = N("""{ "openid": "http://toby.openid.example.org/" }""")));
        Add("actor identified by account with objectType and name", With(s => s["actor"] = N("""
            { "objectType": "Agent", "name": "Andrew Downes", "account": { "homePage": "http://www.example.com", "name": "13936749" } }
            """)));
        Add("actor is an anonymous group", With(s => s["actor"] = N("""
            { "objectType": "Group", "name": "Team PB", "member": [
                { "mbox": "mailto:a@example.com" },
                { "objectType": "Agent", "openid": "http://b.openid.example.org/" } ] }
            """)));
        Add("actor is an identified group without members", With(s => s["actor"] = N("""{ "objectType": "Group", "openid": "http://team.openid.example.org/" }""")));
        Add("actor is an identified group with members (spec example)", With(s => s["actor"] = N("""
            { "name": "Team PB", "mbox": "mailto:teampb@example.com", "objectType": "Group", "member": [
                { "name": "Andrew Downes", "account": { "homePage": "http://www.example.com", "name": "13936749" }, "objectType": "Agent" },
                { "name": "Toby Nichols", "openid": "http://toby.openid.example.org/", "objectType": "Agent" },
                { "name": "Ena Hills", "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9", "objectType": "Agent" } ] }
            """)));
        Add("object is an Agent", With(s => s["object"] = N("""{ "objectType": "Agent", "mbox": "mailto:ben@example.com" }""")));
        Add("object is an anonymous Group", With(s => s["object"] = N("""{ "objectType": "Group", "member": [ { "mbox": "mailto:ben@example.com" } ] }""")));
        Add("object is a StatementRef (voiding statement)", With(s =>
        {
            s["verb"] = N("""{ "id": "http://adlnet.gov/expapi/verbs/voided", "display": { "en-US": "voided" } }""");
            s["object"] = N("""{ "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0" }""");
        }));
        Add("object is a SubStatement (spec example)", WithSubStatement(_ => { }));
        Add("SubStatement with future timestamp, result, context and attachments", WithSubStatement(sub =>
        {
            sub["timestamp"] = "2099-01-01T00:00:00Z";
            sub["result"] = N("""{ "completion": true }""");
            sub["context"] = N("""{ "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7", "revision": "2", "contextActivities": { "parent": [ { "id": "http://example.com/site" } ] } }""");
            sub["attachments"] = new JsonArray();
        }));
        Add("interaction true-false", WithDefinition("""
            { "type": "http://adlnet.gov/expapi/activities/cmi.interaction", "interactionType": "true-false", "correctResponsesPattern": [ "true" ] }
            """));
        Add("interaction choice with choices", WithDefinition("""
            { "interactionType": "choice", "correctResponsesPattern": [ "golf[,]tetris" ], "choices": [
                { "id": "golf", "description": { "en-US": "Golf Example" } },
                { "id": "facebook", "description": { "en-US": "Facebook App" } },
                { "id": "tetris", "description": { "en-US": "Tetris Example" } } ] }
            """));
        Add("interaction fill-in", WithDefinition("""{ "interactionType": "fill-in", "correctResponsesPattern": [ "{case_matters=false}{lang=en}To store and provide access to learning experiences." ] }"""));
        Add("interaction long-fill-in", WithDefinition("""{ "interactionType": "long-fill-in", "correctResponsesPattern": [ "{lang=en}Long answer" ] }"""));
        Add("interaction matching with source and target", WithDefinition("""
            { "interactionType": "matching", "correctResponsesPattern": [ "ben[.]3[,]chris[.]2" ],
              "source": [ { "id": "ben", "description": { "en-US": "Ben" } }, { "id": "chris", "description": { "en-US": "Chris" } } ],
              "target": [ { "id": "2", "description": { "en-US": "Swift" } }, { "id": "3", "description": { "en-US": "Tomasz" } } ] }
            """));
        Add("interaction performance with steps", WithDefinition("""
            { "interactionType": "performance", "correctResponsesPattern": [ "pong[.]1:[,]dg[.]:10" ],
              "steps": [ { "id": "pong", "description": { "en-US": "Net pong matches won" } }, { "id": "dg", "description": { "en-US": "Strokes over par" } } ] }
            """));
        Add("interaction sequencing with choices", WithDefinition("""
            { "interactionType": "sequencing", "correctResponsesPattern": [ "tim[,]mike" ],
              "choices": [ { "id": "tim" }, { "id": "mike" } ] }
            """));
        Add("interaction likert with scale", WithDefinition("""
            { "interactionType": "likert", "correctResponsesPattern": [ "likert_3" ],
              "scale": [ { "id": "likert_0", "description": { "en-US": "It's OK" } }, { "id": "likert_3", "description": { "en-US": "It's Gonna Change the World" } } ] }
            """));
        Add("interaction numeric", WithDefinition("""{ "interactionType": "numeric", "correctResponsesPattern": [ "4[:]" ] }"""));
        Add("interaction other", WithDefinition("""{ "interactionType": "other", "correctResponsesPattern": [ "(35.937432,-86.868896)" ] }"""));
        Add("interaction with empty correctResponsesPattern (no correct answer)", WithDefinition("""{ "interactionType": "choice", "correctResponsesPattern": [], "choices": [] }"""));
        Add("activity definition with moreInfo and extensions", WithDefinition("""
            { "name": { "en-US": "Q1" }, "description": { "en-US": "Question" }, "type": "http://adlnet.gov/expapi/activities/question",
              "moreInfo": "https://example.com/q1", "extensions": { "http://example.com/ext/difficulty": { "level": 3, "tags": [ "a", null ] } } }
            """));
        Add("contextActivities mixing single objects and arrays", WithContext("""
            { "contextActivities": {
                "parent": { "id": "http://example.com/test1" },
                "grouping": [ { "id": "http://example.com/Algebra1", "objectType": "Activity" } ],
                "category": [ { "id": "http://example.com/profiles/cmi5", "definition": { "type": "http://adlnet.gov/expapi/activities/profile" } } ],
                "other": [] } }
            """));
        Add("context with every 1.0.3 property", WithContext("""
            { "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
              "instructor": { "objectType": "Group", "member": [ { "mbox": "mailto:teacher@example.com" } ] },
              "team": { "objectType": "Group", "account": { "homePage": "http://example.com", "name": "team-a" } },
              "revision": "1.2", "platform": "Example virtual meeting software", "language": "tlh",
              "statement": { "objectType": "StatementRef", "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee" },
              "extensions": { "http://example.com/profiles/meetings/contextextensions/topic": "Example", "urn:example:nothing": null } }
            """));
        Add("result with full score, duration in weeks and extensions", With(s => s["result"] = N("""
            { "score": { "scaled": -1, "raw": 0, "min": 0, "max": 100 }, "success": false, "completion": true,
              "response": "We agreed on some example actions.", "duration": "P2W",
              "extensions": { "http://example.com/profiles/meetings/resultextensions/minuteslocation": "X:\\meetings\\minutes\\examplemeeting.one" } }
            """)));
        Add("result durations with years, months, days and fractions", With(s => s["result"] = N("""{ "duration": "P3Y1M29DT4H35M59.14S", "score": { "raw": 12.5 } }""")));
        Add("attachment with description and fileUrl", WithAttachment(a =>
        {
            a["description"] = N("""{ "en-US": "A signature" }""");
            a["fileUrl"] = "https://example.com/files/signature.jws";
            a["contentType"] = "application/octet-stream; charset=binary";
        }));
        Add("LRS-set properties: stored, authority, version 1.0.0, timestamps in basic ISO 8601", With(s =>
        {
            s["id"] = "fd41c918-b88b-4b20-a0a5-a4c32391aaa0";
            s["timestamp"] = "20151118T121700+0100";
            s["stored"] = "2015-11-18T12:17:00.123456789Z";
            s["version"] = "1.0.0";
            s["authority"] = N("""{ "objectType": "Agent", "account": { "homePage": "http://lrs.example.com", "name": "client-1" } }""");
        }));
        Add("authority is a 3-legged OAuth group (spec example)", With(s => s["authority"] = N("""
            { "objectType": "Group", "member": [
                { "account": { "homePage": "http://example.com/xAPI/OAuth/Token", "name": "oauth_consumer_x75db" } },
                { "mbox": "mailto:bob@example.com" } ] }
            """)));
        Add("1.0.3 accepts a timestamp without time zone and with reduced precision", With(s => s["timestamp"] = "2015-11-18T12:17"));
        Add("upper-case UUID id", With(s => s["id"] = "FD41C918-B88B-4B20-A0A5-A4C32391AAA0"));
        Add("language tags with script, region, private use and grandfathered forms", With(s => s["verb"] = N("""
            { "id": "http://example.com/verbs/said", "display": { "zh-Hant-TW": "說", "es-419": "dijo", "x-klingon": "jatlh", "i-klingon": "jatlh", "sgn-BE-FR": "a", "de-CH-1996": "sagte", "en-a-bbb-x-a-ccc": "said" } }
            """)));
        Add("internationalized IRIs and URNs", With(s =>
        {
            s["verb"] = N("""{ "id": "http://example.com/فعل/خواندن" }""");
            s["object"] = N("""{ "id": "urn:uuid:7d3e2b8c-1a2b-4c5d-8e9f-0a1b2c3d4e5f" }""");
        }));
        Add("2.0.0 statement with version 2.0.0 and RFC 3339 timestamp using a space", With(s =>
        {
            s["version"] = "2.0.0";
            s["timestamp"] = "2008-09-15 15:53:00.601+00:00";
        }), V2);
        Add("2.0.0 LRS accepts a 1.0.x statement version", With(s => s["version"] = "1.0.3"), V2);
        Add("2.0.0 contextAgents and contextGroups", WithContext("""
            { "contextAgents": [
                { "objectType": "contextAgent", "agent": { "objectType": "Agent", "mbox": "mailto:player-1@example.com" },
                  "relevantTypes": [ "https://example.com/xapi/activity-types/instructor" ] },
                { "objectType": "contextAgent", "agent": { "mbox": "mailto:player-2@example.com" } } ],
              "contextGroups": [
                { "objectType": "contextGroup",
                  "group": { "objectType": "Group", "mbox": "mailto:team-1@example.com", "member": [ { "objectType": "Agent", "mbox": "mailto:player-1@example.com" } ] },
                  "relevantTypes": [ "https://example.com/xapi/american-football/activity-types/team/a" ] } ] }
            """), V2);
        Add("2.0.0 SubStatement with contextAgents", WithSubStatement(sub => sub["context"] = N("""
            { "contextAgents": [ { "objectType": "contextAgent", "agent": { "mbox": "mailto:coach@example.com" } } ] }
            """)), V2);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Accepts(string name, string version, string json)
    {
        var errors = StatementValidator.Validate(JsonNode.Parse(json), version);

        Assert.True(errors.Count == 0, $"{name}: expected no errors but got: {string.Join(" | ", errors)}");
    }

    [Fact]
    public void Valid_cases_cover_every_object_type_and_interaction_type()
    {
        var all = Cases().Select(row => (string)row[2]).ToList();

        foreach (var objectType in new[] { "\"Agent\"", "\"Group\"", "\"StatementRef\"", "\"SubStatement\"", "\"Activity\"" })
        {
            Assert.Contains(all, json => json.Contains($"\"objectType\":{objectType}", StringComparison.Ordinal)
                || json.Contains($"\"objectType\": {objectType}", StringComparison.Ordinal));
        }

        foreach (var interactionType in InteractionTypes.SupportedComponentLists.Keys)
        {
            Assert.Contains(all, json => json.Contains($"\"interactionType\":\"{interactionType}\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_7taps_statement_validates_from_raw_json_too()
    {
        var errors = StatementValidator.ValidateJson(SevenTapsJson, XapiVersion.V1_0_3);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validation_does_not_modify_the_statement()
    {
        var statement = JsonNode.Parse(SevenTapsJson)!;
        var before = statement.ToJsonString();

        StatementValidator.Validate(statement, XapiVersion.V2_0_0);

        Assert.Equal(before, statement.ToJsonString());
    }
}
