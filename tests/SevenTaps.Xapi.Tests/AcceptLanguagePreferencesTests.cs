using SevenTaps.Xapi;

namespace SevenTaps.Xapi.Tests;

public class AcceptLanguagePreferencesTests
{
    [Theory]
    [InlineData("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5", new[] { "en", "fr", "de" }, "fr")]
    [InlineData("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5", new[] { "de", "es" }, "de")]
    [InlineData("en-US", new[] { "en-GB", "en" }, "en")]
    [InlineData("en", new[] { "fr", "en-US" }, "en-US")]
    [InlineData("en;q=0, fr;q=0.1", new[] { "en", "fr" }, "fr")]
    [InlineData("*, en;q=0", new[] { "en", "fr" }, "fr")]
    [InlineData("", new[] { "de", "en" }, "de")]
    [InlineData("EN-us", new[] { "en-US" }, "en-US")]
    [InlineData("fr;q=0", new[] { "fr", "de" }, "de")]
    [InlineData("en-US, fr;q=0", new[] { "fr-CA", "de", "es" }, "de")]
    [InlineData("fr;q=0", new[] { "fr" }, "fr")]
    public void Selects_the_best_tag(string header, string[] available, string expected)
    {
        Assert.Equal(expected, AcceptLanguagePreferences.Parse(header).SelectBest(available));
    }

    [Fact]
    public void Reads_a_list_of_items_with_quality_values()
    {
        var preferences = AcceptLanguagePreferences.FromList(["de;q=0.3", "en", "not a tag", "fr;q=0.7"]);

        Assert.Equal([new LanguageRange("de", 0.3), new LanguageRange("en", 1), new LanguageRange("fr", 0.7)], preferences.Ranges);
        Assert.Equal("fr", preferences.SelectBest(["de", "fr"]));
    }
}
