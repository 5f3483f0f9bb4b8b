using Normalizer.Worker.Normalization;

namespace Normalizer.Tests.Normalization;

public class LessonCatalogueTests
{
    [RealSampleFact(RealSamples.Catalogue)]
    public void Parses_the_real_catalogue_with_string_and_integer_numbers()
    {
        var catalogue = Fixtures.RealCatalogue();
        Assert.Equal(12, catalogue.Entries.Count);
        AssertEntry(catalogue.Entries[0], "0a", "What's This All About", null, "Lesson 0. What's This All About", "Introduction to the course");
        AssertEntry(catalogue.Entries.Single(entry => entry.Key == "5"), "5", "Reclaim Your Rest", "https://courses.practiceoflife.com/4r2P3hAaMxUd",
            "5. Reclaim Your Rest", "Optimizing sleep and recovery for better digital wellness");
    }

    [Fact]
    public void Parses_the_sample_catalogue_with_string_and_integer_numbers()
    {
        var catalogue = Fixtures.SampleCatalogue();
        Assert.Equal(8, catalogue.Entries.Count);
        AssertEntry(catalogue.Entries[0], "0a", "Welcome Aboard", null, "Lesson 0. Welcome Aboard", "What the course is and who it is for");
        AssertEntry(catalogue.Entries.Single(entry => entry.Key == "4"), "4", "Wind Down", "https://courses.example.org/Tz9bQs6FgJ1u",
            "4. Wind Down", "An evening routine that lets sleep come");
    }

    private static void AssertEntry(LessonCatalogueEntry entry, string number, string name, string? url, string displayName, string description)
    {
        Assert.Equal((number, name, url, displayName, description), (entry.Number, entry.Name, entry.Url, entry.DisplayName, entry.Description));
    }

    [RealSampleFact(RealSamples.Catalogue)]
    public void Exposes_the_entries_without_url() =>
        Assert.Equal(["0a", "0b", "3", "4", "6", "8"], Fixtures.RealCatalogue().EntriesWithoutUrl.Select(entry => entry.Number));

    [Fact]
    public void Exposes_the_entries_without_url_of_the_sample() =>
        Assert.Equal(["0a", "0b", "3", "5"], Fixtures.SampleCatalogue().EntriesWithoutUrl.Select(entry => entry.Number));

    [RealSampleFact(RealSamples.Catalogue)]
    public void Finds_by_cleaned_url() => AssertFindsByCleanedUrl(Fixtures.RealCatalogue(), "https://courses.practiceoflife.com/xxVEAHPYYOfn", "7");

    [Fact]
    public void Finds_by_cleaned_url_in_the_sample() => AssertFindsByCleanedUrl(Fixtures.SampleCatalogue(), "https://courses.example.org/Hp7nWx3CdY5e", "2");

    private static void AssertFindsByCleanedUrl(LessonCatalogue catalogue, string url, string number)
    {
        Assert.Equal(number, catalogue.FindByUrl("HTTPS" + url["https".Length..] + "/?x=1")!.Number);
        Assert.Null(catalogue.FindByUrl(url.ToUpperInvariant().Replace("HTTPS://", "https://", StringComparison.Ordinal))); // the path is case-sensitive
        Assert.Null(catalogue.FindByUrl(""));
    }

    [RealSampleFact(RealSamples.Catalogue)]
    public void Finds_by_number_case_insensitively_and_numerically() =>
        AssertFindsByNumber(Fixtures.RealCatalogue(), "How It Works", "You're Here. Start Strong", "Rewire Your Story");

    [Fact]
    public void Finds_by_number_case_insensitively_and_numerically_in_the_sample() =>
        AssertFindsByNumber(Fixtures.SampleCatalogue(), "Finding Your Way", "Notice Your Habits", "Single-Tasking");

    /// <summary>Lessons "0b", "1" and "3" by their names, asked as "0B", "01" and " 3 "; no lesson 42.</summary>
    private static void AssertFindsByNumber(LessonCatalogue catalogue, string lesson0b, string lesson1, string lesson3)
    {
        Assert.Equal(lesson0b, catalogue.FindByNumber("0B")!.Name);
        Assert.Equal(lesson1, catalogue.FindByNumber("01")!.Name);
        Assert.Equal(lesson3, catalogue.FindByNumber(" 3 ")!.Name);
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
