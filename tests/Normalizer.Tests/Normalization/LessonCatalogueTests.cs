using Normalizer.Worker.Normalization;

namespace Normalizer.Tests.Normalization;

public class LessonCatalogueTests
{
    [Fact]
    public void Parses_the_real_catalogue_with_string_and_integer_numbers()
    {
        var catalogue = Fixtures.RealCatalogue();
        Assert.Equal(12, catalogue.Entries.Count);
        Assert.Equal("0a", catalogue.Entries[0].Number);
        Assert.Equal("What's This All About", catalogue.Entries[0].Name);
        Assert.Null(catalogue.Entries[0].Url);
        var lesson5 = catalogue.Entries.Single(entry => entry.Key == "5");
        Assert.Equal("5", lesson5.Number);
        Assert.Equal("https://courses.practiceoflife.com/4r2P3hAaMxUd", lesson5.Url);
        Assert.Equal("5. Reclaim Your Rest", lesson5.DisplayName);
        Assert.Equal("Optimizing sleep and recovery for better digital wellness", lesson5.Description);
    }

    [Fact]
    public void Exposes_the_entries_without_url()
    {
        var withoutUrl = Fixtures.RealCatalogue().EntriesWithoutUrl;
        Assert.Equal(["0a", "0b", "3", "4", "6", "8"], withoutUrl.Select(entry => entry.Number));
    }

    [Fact]
    public void Finds_by_cleaned_url()
    {
        var catalogue = Fixtures.RealCatalogue();
        Assert.Equal("7", catalogue.FindByUrl("HTTPS://courses.practiceoflife.com/xxVEAHPYYOfn/?x=1")!.Number);
        Assert.Null(catalogue.FindByUrl("https://courses.practiceoflife.com/XXVEAHPYYOFN")); // the path is case-sensitive
        Assert.Null(catalogue.FindByUrl(""));
    }

    [Fact]
    public void Finds_by_number_case_insensitively_and_numerically()
    {
        var catalogue = Fixtures.RealCatalogue();
        Assert.Equal("How It Works", catalogue.FindByNumber("0B")!.Name);
        Assert.Equal("You're Here. Start Strong", catalogue.FindByNumber("01")!.Name);
        Assert.Equal("Rewire Your Story", catalogue.FindByNumber(" 3 ")!.Name);
        Assert.Null(catalogue.FindByNumber("42"));
    }

    [Fact]
    public void A_url_claimed_by_two_lessons_matches_neither()
    {
        var catalogue = LessonCatalogue.Parse("""
            {"lessons":{
              "1":{"lesson_number":1,"lesson_name":"One","lesson_url":"https://c.example.com/A"},
              "2":{"lesson_number":2,"lesson_name":"Two","lesson_url":"https://c.example.com/A/"},
              "3":{"lesson_number":3,"lesson_name":"Three","lesson_url":"https://c.example.com/B"}}}
            """);
        Assert.Null(catalogue.FindByUrl("https://c.example.com/A"));
        Assert.Equal("Three", catalogue.FindByUrl("https://c.example.com/B")!.Name);
    }

    [Fact]
    public void Accepts_an_array_of_lessons()
    {
        var catalogue = LessonCatalogue.Parse("""{"lessons":[{"lesson_number":"2b","lesson_name":"Extra","lesson_url":" https://c.example.com/x "}]}""");
        var entry = Assert.Single(catalogue.Entries);
        Assert.Equal("2b", entry.Key);
        Assert.Equal("https://c.example.com/x", entry.Url);
    }
}
