using System.Text.Json.Nodes;
using SevenTaps.Xapi;
using static SevenTaps.Xapi.Tests.Samples;

namespace SevenTaps.Xapi.Tests;

/// <summary>
/// Statements that break one MUST rule of the spec. Each case asserts that the validator reports the
/// violation at exactly the expected path and nowhere else.
/// </summary>
public class InvalidStatementTests
{
    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        void Add(string name, string expectedPath, string json, string version = V1) => data.Add(name, version, json, expectedPath);

        // --- Statement (Data 2.2, 2.4) ---
        Add("unknown top-level property", "foo", With(s => s["foo"] = 1));
        Add("key with wrong case is not allowed", "Verb", With(s => s["Verb"] = N("""{ "id": "http://example.com/v" }""")));
        Add("actor is required", "actor", With(s => s.Remove("actor")));
        Add("verb is required", "verb", With(s => s.Remove("verb")));
        Add("object is required", "object", With(s => s.Remove("object")));
        Add("statement must be an object", "", "[]");
        Add("null value for an optional property", "result", With(s => s["result"] = null));
        Add("id is not a UUID", "id", With(s => s["id"] = "not-a-uuid"));
        Add("id UUID without dashes", "id", With(s => s["id"] = "fd41c918b88b4b20a0a5a4c32391aaa0"));
        Add("id is null", "id", With(s => s["id"] = null));
        Add("id is a number", "id", With(s => s["id"] = 12345));
        Add("timestamp is not a date", "timestamp", With(s => s["timestamp"] = "01/011/2015"));
        Add("timestamp with impossible date", "timestamp", With(s => s["timestamp"] = "2015-02-30T12:00:00Z"));
        Add("timestamp with -00:00 offset (1.0.3)", "timestamp", With(s => s["timestamp"] = "2008-09-15T15:53:00.601-00:00"));
        Add("timestamp with -0000 offset (2.0.0)", "timestamp", With(s => s["timestamp"] = "2008-09-15T15:53:00.601-0000"), V2);
        Add("timestamp with -00 offset (2.0.0)", "timestamp", With(s => s["timestamp"] = "2008-09-15T15:53:00.601-00"), V2);
        Add("timestamp without offset (2.0.0 requires RFC 3339)", "timestamp", With(s => s["timestamp"] = "2008-09-15T15:53:00.601"), V2);
        Add("timestamp with space separator is not ISO 8601 (1.0.3)", "timestamp", With(s => s["timestamp"] = "2008-09-15 15:53:00.601Z"));
        Add("stored is not a timestamp", "stored", With(s => s["stored"] = "yesterday"));
        Add("version 0.95 is rejected", "version", With(s => s["version"] = "0.95"));
        Add("version 2.0.0 is rejected by a 1.0.3 LRS", "version", With(s => s["version"] = "2.0.0"));
        Add("version 3.0.0 is rejected by a 2.0.0 LRS", "version", With(s => s["version"] = "3.0.0"), V2);
        Add("version must be major.minor.patch or major.minor", "version", With(s => s["version"] = "1"));
        Add("version 2.0 is rejected by a 1.0.3 LRS", "version", With(s => s["version"] = "2.0"));
        Add("version must be a string", "version", With(s => s["version"] = 1.0));

        // --- Actor / Agent / Group / IFI (Data 2.4.2) ---
        Add("agent without inverse functional identifier", "actor", With(s => s["actor"] = N("""{ "name": "No IFI" }""")));
        Add("agent with two inverse functional identifiers", "actor", With(s => s["actor"] = N("""{ "mbox": "mailto:a@example.com", "openid": "http://a.openid.example.org/" }""")));
        Add("mbox without mailto scheme", "actor.mbox", With(s => s["actor"] = N("""{ "mbox": "learner@example.com" }""")));
        Add("mbox without an e-mail address", "actor.mbox", With(s => s["actor"] = N("""{ "mbox": "mailto:learner" }""")));
        Add("mbox with two addresses", "actor.mbox", With(s => s["actor"] = N("""{ "mbox": "mailto:a@example.com,b@example.com" }""")));
        Add("mbox_sha1sum with 39 hex digits", "actor.mbox_sha1sum", With(s => s["actor"] = N("""{ "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee" }""")));
        Add("mbox_sha1sum not hex", "actor.mbox_sha1sum", With(s => s["actor"] = N("""{ "mbox_sha1sum": "zzd31e95054c018b10727ccffd2ef2ec3a016ee9" }""")));
        Add("openid is not a URI", "actor.openid", With(s => s["actor"] = N("""{ "openid": "toby.openid.example.org" }""")));
        Add("account without homePage", "actor.account.homePage", With(s => s["actor"] = N("""{ "account": { "name": "13936749" } }""")));
        Add("account without name", "actor.account.name", With(s => s["actor"] = N("""{ "account": { "homePage": "https://7taps.com" } }""")));
        Add("account homePage without scheme", "actor.account.homePage", With(s => s["actor"] = N("""{ "account": { "homePage": "7taps.com", "name": "x" } }""")));
        Add("account with unknown property", "actor.account.id", With(s => s["actor"] = N("""{ "account": { "homePage": "https://7taps.com", "name": "x", "id": 1 } }""")));
        Add("account name is a number", "actor.account.name", With(s => s["actor"] = N("""{ "account": { "homePage": "https://7taps.com", "name": 13936749 } }""")));
        Add("objectType 'agent' has the wrong case", "actor.objectType", With(s => s["actor"]!["objectType"] = "agent"));
        Add("actor objectType is not Agent or Group", "actor.objectType", With(s => s["actor"]!["objectType"] = "Person"));
        Add("actor objectType is a number", "actor.objectType", With(s => s["actor"]!["objectType"] = 1));
        Add("agent name is a number", "actor.name", With(s => s["actor"]!["name"] = 42));
        Add("agent with unknown property", "actor.email", With(s => s["actor"]!["email"] = "learner@example.com"));
        Add("actor is a string", "actor", With(s => s["actor"] = "mailto:learner@example.com"));
        Add("mbox is null", "actor.mbox", With(s => s["actor"] = N("""{ "mbox": null, "openid": "http://a.openid.example.org/" }""")));
        Add("anonymous group without member", "actor.member", With(s => s["actor"] = N("""{ "objectType": "Group", "name": "Nobody" }""")));
        Add("anonymous group with empty member list", "actor.member", With(s => s["actor"] = N("""{ "objectType": "Group", "member": [] }""")));
        Add("group member is a group", "actor.member[1].objectType", With(s => s["actor"] = N("""
            { "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" }, { "objectType": "Group", "mbox": "mailto:team@example.com" } ] }
            """)));
        Add("identified group member is a group", "actor.member[0].objectType", With(s => s["actor"] = N("""
            { "objectType": "Group", "openid": "http://team.example.org/", "member": [ { "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" } ] } ] }
            """)));
        Add("group member without IFI", "actor.member[0]", With(s => s["actor"] = N("""{ "objectType": "Group", "member": [ { "name": "Anonymous" } ] }""")));
        Add("identified group with two IFIs", "actor", With(s => s["actor"] = N("""{ "objectType": "Group", "mbox": "mailto:t@example.com", "openid": "http://t.example.org/" }""")));
        Add("group member list is an object", "actor.member", With(s => s["actor"] = N("""{ "objectType": "Group", "openid": "http://t.example.org/", "member": { "mbox": "mailto:a@example.com" } }""")));

        // --- Verb (Data 2.4.3) ---
        Add("verb without id", "verb.id", With(s => s["verb"] = N("""{ "display": { "en-US": "completed" } }""")));
        Add("verb id is not an IRI", "verb.id", With(s => s["verb"]!["id"] = "completed"));
        Add("verb id is empty", "verb.id", With(s => s["verb"]!["id"] = ""));
        Add("verb id is relative", "verb.id", With(s => s["verb"]!["id"] = "/expapi/verbs/completed"));
        Add("verb display is a string", "verb.display", With(s => s["verb"]!["display"] = "completed"));
        Add("verb display key is not a language tag", "verb.display[\"en_US\"]", With(s => s["verb"]!["display"] = N("""{ "en_US": "completed" }""")));
        Add("verb display value is a number", "verb.display[\"en-US\"]", With(s => s["verb"]!["display"] = N("""{ "en-US": 1 }""")));
        Add("verb display value is null", "verb.display[\"en-US\"]", With(s => s["verb"]!["display"] = N("""{ "en-US": null }""")));
        Add("verb with unknown property", "verb.name", With(s => s["verb"]!["name"] = N("""{ "en-US": "completed" }""")));

        // --- Object: Activity (Data 2.4.4.1) ---
        Add("activity without id", "object.id", With(s => s["object"] = N("""{ "objectType": "Activity" }""")));
        Add("activity id is not an IRI", "object.id", With(s => s["object"]!["id"] = "course 1"));
        Add("objectType 'activity' has the wrong case", "object.objectType", With(s => s["object"]!["objectType"] = "activity"));
        Add("object objectType is unknown", "object.objectType", With(s => s["object"]!["objectType"] = "Course"));
        Add("agent as object without objectType", "object.objectType", With(s => s["object"] = N("""{ "mbox": "mailto:ben@example.com" }""")));
        Add("activity with unknown property", "object.name", With(s => s["object"]!["name"] = "Course 1"));
        Add("definition name is not a language map", "object.definition.name", WithDefinition("""{ "name": "Question 1" }"""));
        Add("definition description has an invalid language tag", "object.definition.description[\"en US\"]", WithDefinition("""{ "description": { "en US": "Question" } }"""));
        Add("definition type is not an IRI", "object.definition.type", WithDefinition("""{ "type": "question" }"""));
        Add("definition moreInfo is not an IRL", "object.definition.moreInfo", WithDefinition("""{ "moreInfo": "www.example.com/more" }"""));
        Add("definition extension key is not an IRI", "object.definition.extensions[\"color\"]", WithDefinition("""{ "extensions": { "color": "red" } }"""));
        Add("definition with unknown property", "object.definition.title", WithDefinition("""{ "title": { "en-US": "Q" } }"""));
        Add("interactionType is not one of the allowed values", "object.definition.interactionType", WithDefinition("""{ "interactionType": "multiple-choice" }"""));
        Add("interactionType with wrong case", "object.definition.interactionType", WithDefinition("""{ "interactionType": "Choice", "choices": [] }"""));
        Add("correctResponsesPattern is a string", "object.definition.correctResponsesPattern", WithDefinition("""{ "interactionType": "true-false", "correctResponsesPattern": "true" }"""));
        Add("correctResponsesPattern contains a number", "object.definition.correctResponsesPattern[1]", WithDefinition("""{ "interactionType": "numeric", "correctResponsesPattern": [ "4[:]", 5 ] }"""));
        Add("interaction components without interactionType", "object.definition.interactionType", WithDefinition("""{ "choices": [ { "id": "a" } ] }"""));
        Add("choices are not supported by likert", "object.definition.choices", WithDefinition("""{ "interactionType": "likert", "choices": [ { "id": "a" } ] }"""));
        Add("scale is not supported by choice", "object.definition.scale", WithDefinition("""{ "interactionType": "choice", "scale": [ { "id": "a" } ] }"""));
        Add("steps are not supported by true-false", "object.definition.steps", WithDefinition("""{ "interactionType": "true-false", "steps": [ { "id": "a" } ] }"""));
        Add("source is not supported by sequencing", "object.definition.source", WithDefinition("""{ "interactionType": "sequencing", "source": [ { "id": "a" } ] }"""));
        Add("target is not supported by performance", "object.definition.target", WithDefinition("""{ "interactionType": "performance", "target": [ { "id": "a" } ] }"""));
        Add("interaction component without id", "object.definition.choices[1].id", WithDefinition("""{ "interactionType": "choice", "choices": [ { "id": "a" }, { "description": { "en-US": "B" } } ] }"""));
        Add("interaction component ids must be distinct", "object.definition.choices[2].id", WithDefinition("""{ "interactionType": "choice", "choices": [ { "id": "a" }, { "id": "b" }, { "id": "a" } ] }"""));
        Add("interaction component id is a number", "object.definition.scale[0].id", WithDefinition("""{ "interactionType": "likert", "scale": [ { "id": 1 } ] }"""));
        Add("interaction component description has an invalid language tag", "object.definition.steps[0].description[\"123\"]", WithDefinition("""{ "interactionType": "performance", "steps": [ { "id": "s1", "description": { "123": "Step" } } ] }"""));
        Add("interaction component with unknown property", "object.definition.source[0].name", WithDefinition("""{ "interactionType": "matching", "source": [ { "id": "s1", "name": "x" } ] }"""));
        Add("interaction component list is not an array", "object.definition.choices", WithDefinition("""{ "interactionType": "choice", "choices": { "id": "a" } }"""));

        // --- Object: Agent/Group, StatementRef, SubStatement (Data 2.4.4.2, 2.4.4.3) ---
        Add("agent object without IFI", "object", With(s => s["object"] = N("""{ "objectType": "Agent", "name": "Ben" }""")));
        Add("anonymous group object without member", "object.member", With(s => s["object"] = N("""{ "objectType": "Group" }""")));
        Add("StatementRef without id", "object.id", With(s => s["object"] = N("""{ "objectType": "StatementRef" }""")));
        Add("StatementRef id is not a UUID", "object.id", With(s => s["object"] = N("""{ "objectType": "StatementRef", "id": "http://example.com/statement/1" }""")));
        Add("StatementRef with a definition", "object.definition", With(s => s["object"] = N("""{ "objectType": "StatementRef", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0", "definition": {} }""")));
        Add("SubStatement with id", "object.id", WithSubStatement(sub => sub["id"] = "8f87ccde-bb56-4c2e-ab83-44982ef22df0"));
        Add("SubStatement with stored", "object.stored", WithSubStatement(sub => sub["stored"] = "2015-11-18T12:17:00Z"));
        Add("SubStatement with version", "object.version", WithSubStatement(sub => sub["version"] = "1.0.0"));
        Add("SubStatement with authority", "object.authority", WithSubStatement(sub => sub["authority"] = N("""{ "mbox": "mailto:lrs@example.com" }""")));
        Add("SubStatement inside a SubStatement", "object.object.objectType", WithSubStatement(sub => sub["object"] = N("""
            { "objectType": "SubStatement", "actor": { "mbox": "mailto:a@example.com" }, "verb": { "id": "http://example.com/v" }, "object": { "id": "http://example.com/a" } }
            """)));
        Add("SubStatement without verb", "object.verb", WithSubStatement(sub => sub.Remove("verb")));
        Add("SubStatement actor with invalid mbox", "object.actor.mbox", WithSubStatement(sub => sub["actor"]!["mbox"] = "test@example.com"));
        Add("SubStatement context revision when its object is an Agent", "object.context.revision", WithSubStatement(sub =>
        {
            sub["object"] = N("""{ "objectType": "Agent", "mbox": "mailto:ben@example.com" }""");
            sub["context"] = N("""{ "revision": "1" }""");
        }));

        // --- Result and Score (Data 2.4.5) ---
        Add("score.scaled above 1", "result.score.scaled", With(s => s["result"] = N("""{ "score": { "scaled": 1.5 } }""")));
        Add("score.scaled below -1", "result.score.scaled", With(s => s["result"] = N("""{ "score": { "scaled": -1.01 } }""")));
        Add("score.scaled is a string containing a number", "result.score.scaled", With(s => s["result"] = N("""{ "score": { "scaled": "0.5" } }""")));
        Add("score.raw below min", "result.score.raw", With(s => s["result"] = N("""{ "score": { "raw": -1, "min": 0, "max": 10 } }""")));
        Add("score.raw above max", "result.score.raw", With(s => s["result"] = N("""{ "score": { "raw": 11, "max": 10 } }""")));
        Add("score.min greater than max", "result.score.min", With(s => s["result"] = N("""{ "score": { "min": 10, "max": 1 } }""")));
        Add("score.min equal to max (min MUST be less than max)", "result.score.min", With(s => s["result"] = N("""{ "score": { "min": 5, "max": 5 } }""")));
        Add("score with unknown property", "result.score.percent", With(s => s["result"] = N("""{ "score": { "percent": 50 } }""")));
        Add("success is a string containing a boolean", "result.success", With(s => s["result"] = N("""{ "success": "true" }""")));
        Add("completion is a number", "result.completion", With(s => s["result"] = N("""{ "completion": 1 }""")));
        Add("response is a number", "result.response", With(s => s["result"] = N("""{ "response": 42 }""")));
        Add("duration is free text", "result.duration", With(s => s["result"] = N("""{ "duration": "1 hour" }""")));
        Add("duration combines weeks with days", "result.duration", With(s => s["result"] = N("""{ "duration": "P4W1D" }""")));
        Add("duration without any component", "result.duration", With(s => s["result"] = N("""{ "duration": "PT" }""")));
        Add("duration in the alternative format", "result.duration", With(s => s["result"] = N("""{ "duration": "P0003-01-29T04:35:59" }""")));
        Add("duration is negative", "result.duration", With(s => s["result"] = N("""{ "duration": "-PT1H" }""")));
        Add("duration with a fraction on a higher-order component", "result.duration", With(s => s["result"] = N("""{ "duration": "PT1.5H30M" }""")));
        Add("duration is a number of seconds", "result.duration", With(s => s["result"] = N("""{ "duration": 3600 }""")));
        Add("result extension key is not an IRI", "result.extensions[\"attempts\"]", With(s => s["result"] = N("""{ "extensions": { "attempts": 2 } }""")));
        Add("result with unknown property", "result.grade", With(s => s["result"] = N("""{ "grade": "A" }""")));

        // --- Context (Data 2.4.6) ---
        Add("registration is not a UUID", "context.registration", WithContext("""{ "registration": "session-1" }"""));
        Add("registration is null", "context.registration", WithContext("""{ "registration": null }"""));
        Add("instructor without IFI", "context.instructor", WithContext("""{ "instructor": { "name": "Teacher" } }"""));
        Add("team is an Agent", "context.team.objectType", WithContext("""{ "team": { "mbox": "mailto:team@example.com" } }"""));
        Add("contextActivities key is not a context type", "context.contextActivities.parents", WithContext("""{ "contextActivities": { "parents": [ { "id": "http://example.com/p" } ] } }"""));
        Add("contextActivities value is a string", "context.contextActivities.parent", WithContext("""{ "contextActivities": { "parent": "http://example.com/p" } }"""));
        Add("context activity in an array without id", "context.contextActivities.grouping[0].id", WithContext("""{ "contextActivities": { "grouping": [ { "objectType": "Activity" } ] } }"""));
        Add("single context activity with invalid id", "context.contextActivities.parent.id", WithContext("""{ "contextActivities": { "parent": { "id": "parent course" } } }"""));
        Add("context activity is an Agent", "context.contextActivities.category[0].objectType", WithContext("""{ "contextActivities": { "category": [ { "objectType": "Agent", "id": "http://example.com/c" } ] } }"""));
        Add("context activity entry is null", "context.contextActivities.other[1]", WithContext("""{ "contextActivities": { "other": [ { "id": "http://example.com/o" }, null ] } }"""));
        Add("revision when the object is an Agent", "context.revision", With(s =>
        {
            s["object"] = N("""{ "objectType": "Agent", "mbox": "mailto:ben@example.com" }""");
            s["context"] = N("""{ "revision": "1" }""");
        }));
        Add("platform when the object is a StatementRef", "context.platform", With(s =>
        {
            s["object"] = N("""{ "objectType": "StatementRef", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0" }""");
            s["context"] = N("""{ "platform": "Example LMS" }""");
        }));
        Add("revision is a number", "context.revision", WithContext("""{ "revision": 2 }"""));
        Add("language is not an RFC 5646 tag", "context.language", WithContext("""{ "language": "english language" }"""));
        Add("context statement without objectType", "context.statement.objectType", WithContext("""{ "statement": { "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0" } }"""));
        Add("context statement id is not a UUID", "context.statement.id", WithContext("""{ "statement": { "objectType": "StatementRef", "id": "42" } }"""));
        Add("context extensions is an array", "context.extensions", WithContext("""{ "extensions": [ "http://example.com/ext" ] }"""));
        Add("context with unknown property", "context.location", WithContext("""{ "location": "Paris" }"""));
        Add("contextAgents is not allowed in 1.0.3", "context.contextAgents", WithContext("""{ "contextAgents": [ { "objectType": "contextAgent", "agent": { "mbox": "mailto:a@example.com" } } ] }"""));
        Add("contextGroups is not allowed in 1.0.3", "context.contextGroups", WithContext("""{ "contextGroups": [] }"""));
        Add("contextAgent with wrong objectType", "context.contextAgents[0].objectType", WithContext("""{ "contextAgents": [ { "objectType": "Should fail", "agent": { "mbox": "mailto:a@example.com" } } ] }"""), V2);
        Add("contextAgent without objectType", "context.contextAgents[0].objectType", WithContext("""{ "contextAgents": [ { "agent": { "mbox": "mailto:a@example.com" } } ] }"""), V2);
        Add("contextAgent agent without IFI", "context.contextAgents[0].agent", WithContext("""{ "contextAgents": [ { "objectType": "contextAgent", "agent": { "name": "Coach" } } ] }"""), V2);
        Add("contextAgent agent is a Group", "context.contextAgents[0].agent.objectType", WithContext("""{ "contextAgents": [ { "objectType": "contextAgent", "agent": { "objectType": "Group", "mbox": "mailto:t@example.com" } } ] }"""), V2);
        Add("contextAgent relevantTypes is empty", "context.contextAgents[0].relevantTypes", WithContext("""{ "contextAgents": [ { "objectType": "contextAgent", "agent": { "mbox": "mailto:a@example.com" }, "relevantTypes": [] } ] }"""), V2);
        Add("contextAgent relevantTypes contains a non-IRI", "context.contextAgents[0].relevantTypes[0]", WithContext("""{ "contextAgents": [ { "objectType": "contextAgent", "agent": { "mbox": "mailto:a@example.com" }, "relevantTypes": [ "abc" ] } ] }"""), V2);
        Add("contextGroup group is an Agent", "context.contextGroups[0].group.objectType", WithContext("""{ "contextGroups": [ { "objectType": "contextGroup", "group": { "mbox": "mailto:t@example.com" } } ] }"""), V2);
        Add("contextGroup with a member property of its own", "context.contextGroups[0].member", WithContext("""{ "contextGroups": [ { "objectType": "contextGroup", "group": { "objectType": "Group", "mbox": "mailto:t@example.com" }, "member": [] } ] }"""), V2);
        Add("contextGroup without group", "context.contextGroups[0].group", WithContext("""{ "contextGroups": [ { "objectType": "contextGroup" } ] }"""), V2);
        Add("contextAgents is an object", "context.contextAgents", WithContext("""{ "contextAgents": { "objectType": "contextAgent", "agent": { "mbox": "mailto:a@example.com" } } }"""), V2);

        // --- Attachments (Data 2.4.11) ---
        Add("attachment without usageType", "attachments[0].usageType", WithAttachment(a => a.Remove("usageType")));
        Add("attachment without display", "attachments[0].display", WithAttachment(a => a.Remove("display")));
        Add("attachment without contentType", "attachments[0].contentType", WithAttachment(a => a.Remove("contentType")));
        Add("attachment without length", "attachments[0].length", WithAttachment(a => a.Remove("length")));
        Add("attachment without sha2", "attachments[0].sha2", WithAttachment(a => a.Remove("sha2")));
        Add("attachment length is a string", "attachments[0].length", WithAttachment(a => a["length"] = "4235"));
        Add("attachment length is not an integer", "attachments[0].length", WithAttachment(a => a["length"] = 12.5));
        Add("attachment fileUrl is not an IRL", "attachments[0].fileUrl", WithAttachment(a => a["fileUrl"] = "files/signature.jws"));
        Add("attachment usageType is not an IRI", "attachments[0].usageType", WithAttachment(a => a["usageType"] = "signature"));
        Add("attachment contentType is not a media type", "attachments[0].contentType", WithAttachment(a => a["contentType"] = "pdf"));
        Add("attachment display is not a language map", "attachments[0].display", WithAttachment(a => a["display"] = "Signature"));
        Add("attachments is an object", "attachments", With(s => s["attachments"] = N("""{ "usageType": "http://example.com/u" }""")));

        // --- Authority (Data 2.4.9) ---
        Add("authority group with three members", "authority.member", With(s => s["authority"] = N("""
            { "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" }, { "mbox": "mailto:b@example.com" }, { "mbox": "mailto:c@example.com" } ] }
            """)));
        Add("authority group with one member", "authority.member", With(s => s["authority"] = N("""{ "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" } ] }""")));
        Add("authority agent without IFI", "authority", With(s => s["authority"] = N("""{ "objectType": "Agent", "name": "LRS" }""")));
        Add("authority identified group of two agents", "authority.mbox", With(s => s["authority"] = N("""
            { "objectType": "Group", "mbox": "mailto:group@example.com", "member": [ { "mbox": "mailto:a@example.com" }, { "mbox": "mailto:b@example.com" } ] }
            """)));

        // --- Voiding (Data 2.3.2): the object of a voiding statement MUST be a StatementRef ---
        Add("voiding statement with an Activity object", "object", With(s => s["verb"] = N("""{ "id": "http://adlnet.gov/expapi/verbs/voided" }""")));

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rejects_at_the_offending_path(string name, string version, string json, string expectedPath)
    {
        var errors = StatementValidator.Validate(JsonNode.Parse(json), version);

        Assert.True(errors.Count > 0, $"{name}: expected an error at '{expectedPath}' but the statement was accepted");
        Assert.True(errors.All(e => e.Path == expectedPath),
            $"{name}: expected errors only at '{expectedPath}' but got: {string.Join(" | ", errors)}");
    }

    [Fact]
    public void Duplicate_properties_in_raw_json_are_reported_at_their_path()
    {
        const string json = """
            { "actor": { "mbox": "mailto:a@example.com", "mbox": "mailto:b@example.com" },
              "verb": { "id": "http://example.com/v" }, "object": { "id": "http://example.com/a" } }
            """;

        var errors = StatementValidator.ValidateJson(json, XapiVersion.V1_0_3);

        var error = Assert.Single(errors);
        Assert.Equal("actor.mbox", error.Path);
    }

    [Fact]
    public void Duplicate_properties_inside_arrays_report_the_index()
    {
        const string json = """
            { "actor": { "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" }, { "openid": "http://x.org/", "openid": "http://y.org/" } ] },
              "verb": { "id": "http://example.com/v" }, "object": { "id": "http://example.com/a" } }
            """;

        var error = Assert.Single(StatementValidator.ValidateJson(json, XapiVersion.V1_0_3));

        Assert.Equal("actor.member[1].openid", error.Path);
    }

    [Fact]
    public void Malformed_json_is_reported_for_the_whole_statement()
    {
        var error = Assert.Single(StatementValidator.ValidateJson("{ \"actor\": ", XapiVersion.V1_0_3));

        Assert.Equal("", error.Path);
    }

    [Fact]
    public void All_errors_are_reported_not_only_the_first()
    {
        var json = With(s =>
        {
            s["id"] = "nope";
            s["verb"]!["id"] = "completed";
            s["result"] = N("""{ "success": "yes" }""");
        });

        var paths = StatementValidator.Validate(JsonNode.Parse(json), XapiVersion.V1_0_3).Select(e => e.Path).ToList();

        Assert.Equal(["id", "verb.id", "result.success"], paths);
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.0.2")]
    [InlineData("1.0")]
    public void Older_1_0_versions_use_the_1_0_3_rules(string version)
    {
        var json = WithContext("""{ "contextAgents": [] }""");

        var error = Assert.Single(StatementValidator.Validate(JsonNode.Parse(json), version));

        Assert.Equal("context.contextAgents", error.Path);
    }

    [Theory]
    [InlineData("0.95")]
    [InlineData("3.0.0")]
    [InlineData("1.0.x")]
    public void Unsupported_version_strings_are_refused(string version)
    {
        Assert.Throws<ArgumentException>(() => StatementValidator.Validate(Minimal(), version));
    }
}
