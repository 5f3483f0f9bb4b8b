using System.Text.Json.Nodes;
using SevenTaps.Xapi;
using static SevenTaps.Xapi.Tests.Samples;

namespace SevenTaps.Xapi.Tests;

public class StatementIndexKeysTests
{
    [Fact]
    public void Extracts_the_keys_of_the_7taps_statement()
    {
        var keys = StatementIndexKeys.From(N(SevenTapsJson).AsObject());

        Assert.Equal("dcaad89f-9676-43b0-88bb-694e37f4056d", keys.StatementId);
        Assert.Equal("account:https://7taps.com|e5c7e967e89124da359bc111ecfb1e65", keys.ActorIfi);
        Assert.Equal("http://adlnet.gov/expapi/verbs/answered", keys.VerbId);
        Assert.Equal("https://courses.practiceoflife.com/yjG39Clb0pSm/form/2861644", keys.ObjectActivityId);
        Assert.Null(keys.Registration);
        Assert.Equal(
            ["https://courses.practiceoflife.com/yjG39Clb0pSm/form/2861644", "https://courses.practiceoflife.com/yjG39Clb0pSm"],
            keys.RelatedActivityIds);
        Assert.Equal(["account:https://7taps.com|e5c7e967e89124da359bc111ecfb1e65"], keys.RelatedAgentIfis);
    }

    [Theory]
    [InlineData("""{ "mbox": "mailto:Ann.Lee@Example.COM" }""", "mbox:mailto:Ann.Lee@example.com")]
    [InlineData("""{ "mbox_sha1sum": "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9" }""", "mbox_sha1sum:ebd31e95054c018b10727ccffd2ef2ec3a016ee9")]
    [InlineData("""{ "openid": "http://toby.openid.example.org/" }""", "openid:http://toby.openid.example.org/")]
    [InlineData("""{ "objectType": "Group", "account": { "homePage": "http://example.com", "name": "team-a" } }""", "account:http://example.com|team-a")]
    public void Canonical_ifi_forms(string actorJson, string expected)
    {
        var statement = N(With(s => s["actor"] = N(actorJson))).AsObject();

        Assert.Equal(expected, StatementIndexKeys.From(statement).ActorIfi);
    }

    [Fact]
    public void Collects_related_agents_and_activities_everywhere_including_the_substatement()
    {
        var statement = N(With(s =>
        {
            s["authority"] = N("""{ "objectType": "Group", "member": [ { "account": { "homePage": "http://lrs.example.com/oauth", "name": "app" } }, { "mbox": "mailto:user@example.com" } ] }""");
            s["context"] = N("""
                { "registration": "EC531277-B57B-4C15-8D91-D292C5B2B8F7",
                  "instructor": { "mbox": "mailto:teacher@example.com" },
                  "team": { "objectType": "Group", "openid": "http://team.example.org/", "member": [ { "mbox": "mailto:hidden@example.com" } ] },
                  "contextActivities": { "grouping": [ { "id": "http://example.com/course" } ], "category": { "id": "http://example.com/profile" } },
                  "contextAgents": [ { "objectType": "contextAgent", "agent": { "mbox": "mailto:coach@example.com" } } ] }
                """);
            s["object"] = N("""
                { "objectType": "SubStatement",
                  "actor": { "mbox": "mailto:sub-actor@example.com" },
                  "verb": { "id": "http://example.com/verbs/will-visit" },
                  "object": { "objectType": "Agent", "mbox": "mailto:sub-object@example.com" },
                  "context": { "contextActivities": { "parent": [ { "id": "http://example.com/sub-parent" } ] },
                               "instructor": { "mbox": "mailto:sub-teacher@example.com" } } }
                """);
        })).AsObject();

        var keys = StatementIndexKeys.From(statement);

        Assert.Equal("ec531277-b57b-4c15-8d91-d292c5b2b8f7", keys.Registration);
        Assert.Null(keys.ObjectActivityId);
        Assert.Null(keys.ObjectAgentIfi);
        Assert.Equal(["http://example.com/sub-parent", "http://example.com/course", "http://example.com/profile"], keys.RelatedActivityIds);
        Assert.Equal(
            [
                "mbox:mailto:learner@example.com",
                "mbox:mailto:sub-actor@example.com",
                "mbox:mailto:sub-object@example.com",
                "mbox:mailto:sub-teacher@example.com",
                "mbox:mailto:teacher@example.com",
                "openid:http://team.example.org/",
                "mbox:mailto:coach@example.com",
                "account:http://lrs.example.com/oauth|app",
                "mbox:mailto:user@example.com",
            ],
            keys.RelatedAgentIfis);
    }

    [Fact]
    public void Anonymous_group_actor_has_no_ifi_but_its_members_are_related()
    {
        var statement = N(With(s => s["actor"] = N("""{ "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" }, { "mbox": "mailto:b@example.com" } ] }"""))).AsObject();

        var keys = StatementIndexKeys.From(statement);

        Assert.Null(keys.ActorIfi);
        Assert.Equal(["mbox:mailto:a@example.com", "mbox:mailto:b@example.com"], keys.RelatedAgentIfis);
    }

    [Fact]
    public void Voiding_statement_exposes_the_voided_id()
    {
        var statement = N(With(s =>
        {
            s["verb"] = N("""{ "id": "http://adlnet.gov/expapi/verbs/voided" }""");
            s["object"] = N("""{ "objectType": "StatementRef", "id": "E05AA883-ACAF-40AD-BF54-02C8CE485FB0" }""");
        })).AsObject();

        var keys = StatementIndexKeys.From(statement);

        Assert.Equal("e05aa883-acaf-40ad-bf54-02c8ce485fb0", keys.ObjectStatementRefId);
        Assert.Equal("e05aa883-acaf-40ad-bf54-02c8ce485fb0", keys.VoidedStatementId);
        Assert.Empty(keys.RelatedActivityIds);
    }

    [Fact]
    public void A_statement_ref_with_another_verb_is_not_voiding()
    {
        var statement = N(With(s => s["object"] = N("""{ "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0" }"""))).AsObject();

        Assert.Null(StatementIndexKeys.From(statement).VoidedStatementId);
    }

    [Fact]
    public void Agent_object_is_indexed_as_object_and_related_agent()
    {
        var statement = N(With(s => s["object"] = N("""{ "objectType": "Agent", "mbox": "mailto:ben@example.com" }"""))).AsObject();

        var keys = StatementIndexKeys.From(statement);

        Assert.Equal("mbox:mailto:ben@example.com", keys.ObjectAgentIfi);
        Assert.Contains("mbox:mailto:ben@example.com", keys.RelatedAgentIfis);
    }
}
