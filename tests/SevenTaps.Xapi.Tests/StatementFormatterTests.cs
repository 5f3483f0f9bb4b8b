using System.Text.Json.Nodes;
using SevenTaps.Xapi;
using static SevenTaps.Xapi.Tests.Samples;

namespace SevenTaps.Xapi.Tests;

public class StatementFormatterTests
{
    private const string Exact = """
        {
          "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
          "actor": { "name": "Team PB", "mbox": "mailto:teampb@example.com", "objectType": "Group",
                     "member": [ { "name": "Andrew", "account": { "homePage": "http://www.example.com", "name": "13936749" } } ] },
          "verb": { "id": "http://adlnet.gov/expapi/verbs/attended", "display": { "en-GB": "attended", "en-US": "attended (US)", "fr": "a assisté" } },
          "object": { "id": "http://www.example.com/meetings/occurances/34534", "objectType": "Activity",
                      "definition": { "name": { "en-GB": "example meeting", "fr": "réunion" },
                                      "description": { "en-GB": "An example meeting", "fr": "Une réunion" },
                                      "type": "http://adlnet.gov/expapi/activities/meeting",
                                      "interactionType": "choice",
                                      "choices": [ { "id": "a", "description": { "en-GB": "A", "fr": "Un" } } ] } },
          "result": { "success": true, "duration": "PT1H0M0S" },
          "context": {
            "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
            "instructor": { "name": "Andrew Downes", "account": { "homePage": "http://www.example.com", "name": "13936749" } },
            "team": { "name": "Team PB", "objectType": "Group", "member": [ { "name": "Ena", "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" } ] },
            "contextActivities": {
              "parent": { "id": "http://www.example.com/meetings/series/267", "definition": { "name": { "en": "series" } } },
              "category": [ { "id": "http://www.example.com/meetings/categories/teammeeting", "objectType": "Activity",
                              "definition": { "name": { "en": "team meeting", "de": "Teambesprechung" } } } ]
            }
          },
          "timestamp": "2013-05-18T05:32:34.804Z",
          "stored": "2013-05-18T05:32:34.804Z",
          "authority": { "objectType": "Group", "member": [
              { "account": { "homePage": "http://example.com/xAPI/OAuth/Token", "name": "oauth_consumer_x75db" } },
              { "name": "Bob", "mbox": "mailto:bob@example.com" } ] },
          "version": "1.0.0"
        }
        """;

    private static JsonObject ExactStatement() => N(Exact).AsObject();

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(N(expected), actual), $"expected {expected} but got {actual?.ToJsonString()}");

    [Fact]
    public void Ids_reduces_identified_groups_and_agents_to_objectType_and_ifi()
    {
        var ids = StatementFormatter.ToIds(ExactStatement());

        AssertJson("""{ "objectType": "Group", "mbox": "mailto:teampb@example.com" }""", ids["actor"]);
        AssertJson("""{ "objectType": "Agent", "account": { "homePage": "http://www.example.com", "name": "13936749" } }""", ids["context"]!["instructor"]);
    }

    [Fact]
    public void Ids_keeps_the_members_of_anonymous_groups_reduced_to_their_ifi()
    {
        var ids = StatementFormatter.ToIds(ExactStatement());

        AssertJson("""
            { "objectType": "Group", "member": [
                { "objectType": "Agent", "account": { "homePage": "http://example.com/xAPI/OAuth/Token", "name": "oauth_consumer_x75db" } },
                { "objectType": "Agent", "mbox": "mailto:bob@example.com" } ] }
            """, ids["authority"]);
        AssertJson("""{ "objectType": "Group", "member": [ { "objectType": "Agent", "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" } ] }""", ids["context"]!["team"]);
    }

    [Fact]
    public void Ids_reduces_verbs_to_id_and_activities_to_id_and_objectType()
    {
        var ids = StatementFormatter.ToIds(ExactStatement());

        AssertJson("""{ "id": "http://adlnet.gov/expapi/verbs/attended" }""", ids["verb"]);
        AssertJson("""{ "id": "http://www.example.com/meetings/occurances/34534" }""", ids["object"]);
        AssertJson("""
            { "parent": [ { "id": "http://www.example.com/meetings/series/267" } ],
              "category": [ { "id": "http://www.example.com/meetings/categories/teammeeting" } ] }
            """, ids["context"]!["contextActivities"]);
    }

    [Fact]
    public void Ids_keeps_everything_that_is_not_an_agent_activity_or_verb()
    {
        var exact = ExactStatement();
        var ids = StatementFormatter.ToIds(exact);

        foreach (var name in new[] { "id", "result", "timestamp", "stored", "version" })
        {
            AssertJson(exact[name]!.ToJsonString(), ids[name]);
        }

        Assert.Equal("ec531277-b57b-4c15-8d91-d292c5b2b8f7", ids["context"]!["registration"]!.GetValue<string>());
    }

    [Fact]
    public void Ids_reduces_inside_a_substatement_and_keeps_statement_refs()
    {
        var exact = N(WithSubStatement(sub =>
        {
            sub["actor"] = N("""{ "objectType": "Agent", "name": "Tester", "mbox": "mailto:test@example.com" }""");
            sub["object"] = N("""{ "id": "http://example.com/website", "definition": { "name": { "en-US": "Some Awesome Website" } } }""");
            sub["context"] = N("""{ "statement": { "objectType": "StatementRef", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0" } }""");
        })).AsObject();

        var sub = StatementFormatter.ToIds(exact)["object"]!;

        Assert.Equal("SubStatement", sub["objectType"]!.GetValue<string>());
        AssertJson("""{ "objectType": "Agent", "mbox": "mailto:test@example.com" }""", sub["actor"]);
        AssertJson("""{ "id": "http://example.com/visited" }""", sub["verb"]);
        AssertJson("""{ "id": "http://example.com/website" }""", sub["object"]);
        AssertJson("""{ "objectType": "StatementRef", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0" }""", sub["context"]!["statement"]);
    }

    [Fact]
    public void Exact_returns_context_activities_as_arrays_and_leaves_the_input_alone()
    {
        var input = ExactStatement();
        var before = input.ToJsonString();

        var exact = StatementFormatter.Format(input, StatementFormat.Exact);

        Assert.IsType<JsonArray>(exact["context"]!["contextActivities"]!["parent"]);
        Assert.Equal("series", exact["context"]!["contextActivities"]!["parent"]![0]!["definition"]!["name"]!["en"]!.GetValue<string>());
        Assert.Equal(before, input.ToJsonString());
    }

    [Fact]
    public void Canonical_keeps_one_language_per_map_chosen_by_accept_language()
    {
        var canonical = StatementFormatter.ToCanonical(ExactStatement(), AcceptLanguagePreferences.Parse("fr;q=0.9, en-US"));

        AssertJson("""{ "en-US": "attended (US)" }""", canonical["verb"]!["display"]);
        AssertJson("""{ "fr": "réunion" }""", canonical["object"]!["definition"]!["name"]);
        AssertJson("""{ "fr": "Une réunion" }""", canonical["object"]!["definition"]!["description"]);
        AssertJson("""{ "fr": "Un" }""", canonical["object"]!["definition"]!["choices"]![0]!["description"]);
        Assert.Equal("http://adlnet.gov/expapi/activities/meeting", canonical["object"]!["definition"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Canonical_language_ranges_match_more_specific_tags()
    {
        var canonical = StatementFormatter.ToCanonical(ExactStatement(), AcceptLanguagePreferences.Parse("de;q=0.5, en"));

        AssertJson("""{ "en-GB": "attended" }""", canonical["verb"]!["display"]);
        AssertJson("""{ "en": "team meeting" }""", canonical["context"]!["contextActivities"]!["category"]![0]!["definition"]!["name"]);
    }

    [Fact]
    public void Canonical_falls_back_to_one_entry_when_nothing_is_acceptable()
    {
        var canonical = StatementFormatter.ToCanonical(ExactStatement(), AcceptLanguagePreferences.Parse("ja"));

        AssertJson("""{ "en-GB": "attended" }""", canonical["verb"]!["display"]);
        AssertJson("""{ "en-GB": "example meeting" }""", canonical["object"]!["definition"]!["name"]);
    }

    [Fact]
    public void Canonical_returns_agents_and_groups_exactly()
    {
        var exact = ExactStatement();
        var canonical = StatementFormatter.Format(exact, StatementFormat.Canonical, AcceptLanguagePreferences.Parse("en"));

        AssertJson(exact["actor"]!.ToJsonString(), canonical["actor"]);
        AssertJson(exact["authority"]!.ToJsonString(), canonical["authority"]);
        AssertJson(exact["context"]!["team"]!.ToJsonString(), canonical["context"]!["team"]);
    }

    [Fact]
    public void Canonical_prefers_the_lrs_canonical_definitions()
    {
        var source = new FakeCanonicalSource();

        var canonical = StatementFormatter.ToCanonical(ExactStatement(), AcceptLanguagePreferences.Parse("en-US"), source);

        AssertJson("""{ "en-US": "attended (canonical)" }""", canonical["verb"]!["display"]);
        AssertJson("""{ "name": { "en-US": "Canonical meeting" }, "type": "http://example.com/types/meeting" }""", canonical["object"]!["definition"]);
        // Activities the source does not know keep the Statement's own definition, filtered.
        AssertJson("""{ "en": "series" }""", canonical["context"]!["contextActivities"]!["parent"]![0]!["definition"]!["name"]);
    }

    private sealed class FakeCanonicalSource : ICanonicalDefinitionSource
    {
        public JsonObject? GetActivityDefinition(string activityId) =>
            activityId == "http://www.example.com/meetings/occurances/34534"
                ? N("""{ "name": { "de": "Kanonische Besprechung", "en-US": "Canonical meeting" }, "type": "http://example.com/types/meeting" }""").AsObject()
                : null;

        public JsonObject? GetVerbDisplay(string verbId) =>
            N("""{ "fr": "a assisté", "en-US": "attended (canonical)" }""").AsObject();
    }
}
