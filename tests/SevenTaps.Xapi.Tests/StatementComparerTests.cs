using System.Text.Json.Nodes;
using SevenTaps.Xapi;
using static SevenTaps.Xapi.Tests.Samples;

namespace SevenTaps.Xapi.Tests;

public class StatementComparerTests
{
    private const string Base = """
        {
          "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
          "actor": { "objectType": "Agent", "name": "Ann", "mbox": "mailto:Ann@Example.com" },
          "verb": { "id": "http://adlnet.gov/expapi/verbs/attended", "display": { "en-US": "attended" } },
          "object": { "objectType": "Activity", "id": "http://www.example.com/meetings/occurances/34534",
                      "definition": { "name": { "en-US": "example meeting" } } },
          "result": { "success": true, "duration": "PT1H0M0S", "score": { "raw": 1 } },
          "context": {
            "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
            "team": { "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" }, { "mbox": "mailto:b@example.com" } ] },
            "contextActivities": { "parent": [ { "id": "http://www.example.com/meetings/series/267" } ] },
            "extensions": { "http://example.com/ext/room": "B2" }
          },
          "timestamp": "2013-05-18T05:32:34.804Z",
          "stored": "2013-05-18T05:32:34.804Z",
          "version": "1.0.0",
          "authority": { "objectType": "Agent", "account": { "homePage": "http://cloud.scorm.com/", "name": "anonymous" } }
        }
        """;

    private static JsonObject Statement(Action<JsonObject>? change = null)
    {
        var statement = N(Base).AsObject();
        change?.Invoke(statement);
        return statement;
    }

    private static void AssertSame(JsonObject a, JsonObject b)
    {
        var comparison = StatementComparer.Compare(a, b);
        Assert.True(comparison.AreEquivalent, $"expected equivalent, first difference at '{comparison.DifferencePath}'");
        Assert.True(StatementComparer.AreEquivalent(b, a), "comparison must be symmetric");
    }

    private static void AssertDifferentAt(string expectedPath, JsonObject a, JsonObject b)
    {
        var comparison = StatementComparer.Compare(a, b);
        Assert.False(comparison.AreEquivalent);
        Assert.Equal(expectedPath, comparison.DifferencePath);
        Assert.False(StatementComparer.AreEquivalent(b, a), "comparison must be symmetric");
    }

    [Fact]
    public void Identical_statements_are_equivalent() => AssertSame(Statement(), Statement());

    [Fact]
    public void Key_order_does_not_matter()
    {
        var reordered = new JsonObject(Statement().Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        AssertSame(Statement(), reordered);
    }

    [Fact]
    public void Authority_stored_and_attachments_are_ignored() => AssertSame(Statement(), Statement(s =>
    {
        s["authority"] = N("""{ "mbox": "mailto:other-lrs@example.com" }""");
        s["stored"] = "2020-01-01T00:00:00Z";
        s["attachments"] = N("""[ { "usageType": "http://adlnet.gov/expapi/attachments/signature", "display": { "en-US": "sig" }, "contentType": "application/octet-stream", "length": 1, "sha2": "ab" } ]""");
    }));

    [Fact]
    public void Id_timestamp_and_version_missing_on_one_side_are_ignored() => AssertSame(Statement(), Statement(s =>
    {
        s.Remove("id");
        s.Remove("timestamp");
        s.Remove("version");
    }));

    [Fact]
    public void Different_ids_are_a_difference() =>
        AssertDifferentAt("id", Statement(), Statement(s => s["id"] = "00000000-0000-4000-8000-000000000000"));

    [Fact]
    public void Uuids_are_compared_case_insensitively() => AssertSame(Statement(), Statement(s =>
    {
        s["id"] = "6690E6C9-3EF0-4ED3-8B37-7F3964730BEE";
        s["context"]!["registration"] = "EC531277-B57B-4C15-8D91-D292C5B2B8F7";
    }));

    [Fact]
    public void Same_instant_in_another_time_zone_or_rounded_to_milliseconds_is_equivalent()
    {
        AssertSame(Statement(), Statement(s => s["timestamp"] = "2013-05-18T07:32:34.804+02:00"));
        AssertSame(Statement(s => s["timestamp"] = "2013-05-18T05:32:34.8045Z"), Statement(s => s["timestamp"] = "2013-05-18T05:32:34.804Z"));
    }

    [Fact]
    public void A_different_timestamp_is_a_difference() =>
        AssertDifferentAt("timestamp", Statement(), Statement(s => s["timestamp"] = "2013-05-18T05:32:35.804Z"));

    [Fact]
    public void Different_versions_on_both_sides_are_a_difference() =>
        AssertDifferentAt("version", Statement(), Statement(s => s["version"] = "1.0.3"));

    [Fact]
    public void Verb_display_and_activity_definitions_are_not_part_of_the_statement() => AssertSame(Statement(), Statement(s =>
    {
        s["verb"]!["display"] = N("""{ "en-GB": "attended", "fr": "a assisté" }""");
        s["object"]!["definition"] = N("""{ "name": { "en-US": "renamed meeting" }, "type": "http://example.com/types/meeting" }""");
        s["context"]!["contextActivities"]!["parent"]![0]!["definition"] = N("""{ "name": { "en": "series" } }""");
    }));

    [Fact]
    public void A_single_context_activity_equals_an_array_of_one() => AssertSame(Statement(), Statement(s =>
        s["context"]!["contextActivities"]!["parent"] = N("""{ "id": "http://www.example.com/meetings/series/267" }""")));

    [Fact]
    public void Group_members_are_an_unordered_list() => AssertSame(Statement(), Statement(s =>
        s["context"]!["team"]!["member"] = N("""[ { "mbox": "mailto:b@example.com" }, { "mbox": "mailto:a@example.com" } ]""")));

    [Fact]
    public void Email_domain_and_sha1_hex_are_case_insensitive()
    {
        AssertSame(Statement(), Statement(s => s["actor"]!["mbox"] = "mailto:Ann@example.COM"));
        AssertSame(
            Statement(s => s["actor"] = N("""{ "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" }""")),
            Statement(s => s["actor"] = N("""{ "mbox_sha1sum": "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9" }""")));
    }

    [Fact]
    public void Email_local_part_is_case_sensitive() =>
        AssertDifferentAt("actor.mbox", Statement(), Statement(s => s["actor"]!["mbox"] = "mailto:ann@Example.com"));

    [Fact]
    public void Durations_are_not_converted_between_units() =>
        AssertDifferentAt("result.duration", Statement(), Statement(s => s["result"]!["duration"] = "PT60M"));

    [Fact]
    public void Duration_precision_beyond_hundredths_of_a_second_is_ignored() => AssertSame(
        Statement(s => s["result"]!["duration"] = "PT1.234S"),
        Statement(s => s["result"]!["duration"] = "PT1.23S"));

    [Fact]
    public void Duration_components_compare_by_value_without_changing_units() => AssertSame(
        Statement(s => s["result"]!["duration"] = "PT01.0H"),
        Statement(s => s["result"]!["duration"] = "PT1H"));

    [Fact]
    public void Numbers_compare_by_value() => AssertSame(Statement(), Statement(s => s["result"]!["score"] = N("""{ "raw": 1.0 }""")));

    [Fact]
    public void A_real_change_in_the_result_is_a_difference() =>
        AssertDifferentAt("result.success", Statement(), Statement(s => s["result"]!["success"] = false));

    [Fact]
    public void A_different_verb_is_a_difference() =>
        AssertDifferentAt("verb.id", Statement(), Statement(s => s["verb"]!["id"] = "http://adlnet.gov/expapi/verbs/completed"));

    [Fact]
    public void A_different_extension_value_is_a_difference() =>
        AssertDifferentAt("context.extensions[\"http://example.com/ext/room\"]", Statement(), Statement(s => s["context"]!["extensions"]!["http://example.com/ext/room"] = "B3"));

    [Fact]
    public void An_added_objectType_is_a_difference_because_it_is_not_an_exception() =>
        AssertDifferentAt("object.objectType", Statement(s => ((JsonObject)s["object"]!).Remove("objectType")), Statement());

    [Fact]
    public void A_substatement_timestamp_is_never_assigned_by_the_lrs()
    {
        var withTimestamp = N(WithSubStatement(sub => sub["timestamp"] = "2099-01-01T00:00:00Z")).AsObject();
        var withoutTimestamp = N(WithSubStatement(_ => { })).AsObject();

        AssertDifferentAt("object.timestamp", withTimestamp, withoutTimestamp);
    }

    [Fact]
    public void Substatement_verb_display_is_ignored_too()
    {
        var a = N(WithSubStatement(_ => { })).AsObject();
        var b = N(WithSubStatement(sub => sub["verb"]!["display"] = N("""{ "de": "wird besuchen" }"""))).AsObject();

        AssertSame(a, b);
    }

    [Fact]
    public void Comparison_does_not_modify_its_inputs()
    {
        var a = Statement();
        var b = Statement(s => s["context"]!["contextActivities"]!["parent"] = N("""{ "id": "http://www.example.com/meetings/series/267" }"""));
        var beforeA = a.ToJsonString();
        var beforeB = b.ToJsonString();

        StatementComparer.Compare(a, b);

        Assert.Equal(beforeA, a.ToJsonString());
        Assert.Equal(beforeB, b.ToJsonString());
    }
}
