using Normalizer.Worker.Normalization;
using static Normalizer.Tests.Normalization.Fixtures;

namespace Normalizer.Tests.Normalization;

public class LearnerIdTests
{
    private static UserRow UserOf(string actor) => Normalize(Statement(Activity(Card("poll")), actor: actor)).User!;

    [Theory]
    [InlineData("https://7taps.com")]
    [InlineData("https://7taps.com/")]
    [InlineData("HTTP://7TAPS.COM")]
    [InlineData("https://www.7taps.com/")]
    public void Seven_taps_account_is_keyed_by_its_lower_cased_name(string homePage)
    {
        var user = UserOf("{\"account\":{\"homePage\":\"" + homePage + "\",\"name\":\" E5C7E967E89124DA359BC111ECFB1E65 \"}}");
        Assert.Equal(LearnerHash, user.UserId);
        Assert.Equal($"account:{homePage}| E5C7E967E89124DA359BC111ECFB1E65 ", user.Ifi);
    }

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("https://not7taps.com")]
    [InlineData("https://7taps.com.evil.example")]
    public void Other_accounts_are_keyed_by_the_canonical_ifi(string homePage)
    {
        var user = UserOf("{\"account\":{\"homePage\":\"" + homePage + "\",\"name\":\"Ann.Lee\"}}");
        Assert.Equal($"account:{homePage}|Ann.Lee", user.UserId);
        Assert.Equal(user.UserId, user.Ifi);
    }

    [Fact]
    public void Mbox_is_lower_cased_for_the_key_and_the_email()
    {
        var user = UserOf("""{"objectType":"Agent","name":"John Doe","mbox":"mailto:John.Doe@Example.COM"}""");
        Assert.Equal("mbox:mailto:john.doe@example.com", user.UserId);
        Assert.Equal("mbox:mailto:John.Doe@example.com", user.Ifi);
        Assert.Equal("john.doe@example.com", user.Email);
        Assert.Equal("John Doe", user.DisplayName);
    }

    [Fact]
    public void Sha1_is_keyed_lower_case_without_email()
    {
        var user = UserOf("""{"mbox_sha1sum":"ABCDEF0123456789ABCDEF0123456789ABCDEF01"}""");
        Assert.Equal("mbox_sha1sum:abcdef0123456789abcdef0123456789abcdef01", user.UserId);
        Assert.Null(user.Email);
    }

    [Fact]
    public void OpenId_is_keyed_verbatim()
    {
        var user = UserOf("""{"openid":"https://openid.example.org/u/Ann"}""");
        Assert.Equal("openid:https://openid.example.org/u/Ann", user.UserId);
    }

    [Fact]
    public void Identified_group_is_keyed_by_its_own_ifi()
    {
        var user = UserOf("""{"objectType":"Group","name":"Team","mbox":"mailto:team@example.com","member":[{"mbox":"mailto:a@example.com"}]}""");
        Assert.Equal("mbox:mailto:team@example.com", user.UserId);
        Assert.Equal("Team", user.DisplayName);
    }

    [Fact]
    public void Anonymous_group_uses_its_first_identified_member()
    {
        var user = UserOf("""
            {"objectType":"Group","name":"Pair","member":[
              {"objectType":"Agent","name":"Nobody"},
              {"objectType":"Agent","name":"Bea","account":{"homePage":"https://7taps.com","name":"ABC123"}},
              {"objectType":"Agent","mbox":"mailto:c@example.com"}]}
            """);
        Assert.Equal("abc123", user.UserId);
        Assert.Equal("Bea", user.DisplayName);
    }

    [Fact]
    public void Anonymous_group_without_identified_members_yields_nothing_but_a_reason()
    {
        var result = Normalize(Statement(Activity(Card("poll")), result: """{"response":"a"}""",
            actor: """{"objectType":"Group","member":[{"objectType":"Agent","name":"Nobody"}]}"""));
        Assert.Equal(IdValue, result.StatementId);
        Assert.Contains("anonymous group", result.Skipped);
        Assert.Null(result.User);
        Assert.Null(result.Lesson);
        Assert.Null(result.Question);
        Assert.Null(result.Response);
        Assert.Null(result.Activity);
    }

    [Fact]
    public void Learner_id_is_the_same_on_every_row()
    {
        var result = Normalize(Statement(Activity(Card("poll")), result: """{"response":"a"}""", actor: """{"mbox":"mailto:A@B.com"}"""));
        Assert.Equal("mbox:mailto:a@b.com", result.User!.UserId);
        Assert.Equal(result.User.UserId, result.Response!.UserId);
        Assert.Equal(result.User.UserId, result.Activity!.UserId);
    }

    [Theory]
    [InlineData("https://7taps.com", true)]
    [InlineData("7taps.com", true)]
    [InlineData("https://app.7taps.com/login", true)]
    [InlineData("https://7taps.co", false)]
    [InlineData("", false)]
    public void IsSevenTapsHomePage(string homePage, bool expected) => Assert.Equal(expected, LearnerIds.IsSevenTapsHomePage(homePage));

    [Fact]
    public void Resolve_reports_when_a_group_member_identified_the_actor()
    {
        var identity = LearnerIds.Resolve(System.Text.Json.Nodes.JsonNode.Parse(
            """{"objectType":"Group","member":[{"mbox":"mailto:Kim@Example.com","name":"Kim"}]}"""));
        Assert.NotNull(identity);
        Assert.True(identity.FromGroupMember);
        Assert.Equal("mbox:mailto:kim@example.com", identity.UserId);
        Assert.Equal("kim@example.com", identity.Email);
    }

    [Fact]
    public void Agent_without_an_ifi_is_skipped()
    {
        var result = Normalize(Statement(Activity(Card("poll")), actor: """{"objectType":"Agent","name":"No Id","account":{"homePage":"https://7taps.com"}}"""));
        Assert.Equal("actor has no inverse functional identifier", result.Skipped);
        Assert.Null(result.Activity);
    }

    [Fact]
    public void Statement_without_actor_is_skipped()
    {
        var statement = Statement(Activity(Card("poll")));
        statement.Remove("actor");
        Assert.Equal("statement has no actor", Normalize(statement).Skipped);
    }
}
