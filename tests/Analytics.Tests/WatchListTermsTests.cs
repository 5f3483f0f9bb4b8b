using System.ComponentModel.DataAnnotations;
using Analytics.Api;

namespace Analytics.Tests;

public sealed class WatchListTermsTests
{
    [Fact]
    public void A_term_becomes_a_whole_word_pattern_with_flexible_spaces_and_apostrophes()
    {
        Assert.Equal(@"\mhopeless\M", WatchListTerms.Pattern("hopeless"));
        Assert.Equal(@"\mcan['’]t\s+go\s+on\M", WatchListTerms.Pattern("can't  go on"));
        Assert.Equal(@"\mself\-harm\M", WatchListTerms.Pattern("self-harm"));
        Assert.Equal(@"\ma\.b\*c\M", WatchListTerms.Pattern("a.b*c"));
    }

    [Fact]
    public void The_default_list_is_valid()
    {
        Assert.All(WatchListTerms.Default, term => Assert.Null(WatchListTerms.Problem(term)));
        Assert.True(IsValid(new AnalyticsOptions()));
        Assert.Same(WatchListTerms.Default, new AnalyticsOptions().EffectiveWatchList);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-hopeless")]
    [InlineData("hopeless!")]
    public void Start_up_refuses_a_term_that_cannot_be_matched_as_words(string term)
    {
        Assert.NotNull(WatchListTerms.Problem(term));
        Assert.False(IsValid(new AnalyticsOptions { WatchList = ["hopeless", term] }));
    }

    [Fact]
    public void A_configured_list_replaces_the_default()
    {
        var options = new AnalyticsOptions { WatchList = ["give up"] };

        Assert.True(IsValid(options));
        Assert.Equal(["give up"], options.EffectiveWatchList);
        Assert.False(IsValid(new AnalyticsOptions { WatchList = [] }));
    }

    private static bool IsValid(AnalyticsOptions options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);
}
