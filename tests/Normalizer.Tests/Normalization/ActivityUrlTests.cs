using Normalizer.Worker.Normalization;

namespace Normalizer.Tests.Normalization;

public class ActivityUrlTests
{
    [Theory]
    [InlineData("HTTPS://Courses.PracticeOfLife.COM/yjG39Clb0pSm", "https://courses.practiceoflife.com/yjG39Clb0pSm")]
    [InlineData("https://courses.practiceoflife.com/yjG39Clb0pSm/", "https://courses.practiceoflife.com/yjG39Clb0pSm")]
    [InlineData("https://courses.practiceoflife.com/yjG39Clb0pSm//", "https://courses.practiceoflife.com/yjG39Clb0pSm")]
    [InlineData("https://courses.practiceoflife.com/yjG39Clb0pSm?utm_source=email&x=1", "https://courses.practiceoflife.com/yjG39Clb0pSm")]
    [InlineData("https://courses.practiceoflife.com/yjG39Clb0pSm#card-3", "https://courses.practiceoflife.com/yjG39Clb0pSm")]
    [InlineData("https://courses.practiceoflife.com:443/yjG39Clb0pSm", "https://courses.practiceoflife.com/yjG39Clb0pSm")]
    [InlineData("http://example.com:80/a", "http://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("https://example.com:80/a", "https://example.com:80/a")]
    [InlineData("https://example.com:/a", "https://example.com/a")]
    [InlineData("  https://example.com/a \t\n", "https://example.com/a")]
    [InlineData("https://example.com/", "https://example.com")]
    [InlineData("https://example.com/a%7eb%2fc%3A", "https://example.com/a~b%2Fc%3A")]
    [InlineData("https://example.com/caf%C3%A9", "https://example.com/café")]
    [InlineData("https://example.com/100%", "https://example.com/100%")]
    [InlineData("https://User@Example.com/Path/To/Lesson", "https://User@example.com/Path/To/Lesson")]
    [InlineData("URN:uuid:ABC/", "urn:uuid:ABC")]
    public void Clean(string input, string expected) => Assert.Equal(expected, ActivityUrl.Clean(input));

    [Fact]
    public void Clean_preserves_path_case()
    {
        Assert.NotEqual(ActivityUrl.Clean("https://c.example.com/yjG39Clb0pSm"), ActivityUrl.Clean("https://c.example.com/YJG39CLB0PSM"));
    }

    [Fact]
    public void CleanId_keeps_query_and_fragment_normalized()
    {
        Assert.Equal("https://example.com/quiz?q=%2F1#~x", ActivityUrl.CleanId(" HTTPS://Example.com:443/quiz/?q=%2f1#%7Ex "));
    }

    [Theory]
    [InlineData("https://courses.practiceoflife.com/yjG39Clb0pSm/", "yjG39Clb0pSm")]
    [InlineData("https://example.com", "example.com")]
    [InlineData("urn:course:lesson-4", "lesson-4")]
    public void LastSegment(string url, string expected) => Assert.Equal(expected, ActivityUrl.LastSegment(url));

    [Fact]
    public void Card_url_is_split_into_lesson_slug_and_number()
    {
        Assert.True(CardTypes.TryParseCardUrl("https://courses.practiceoflife.com/yjG39Clb0pSm/submit_media/0042", out var card));
        Assert.Equal("https://courses.practiceoflife.com/yjG39Clb0pSm", card!.LessonUrl);
        Assert.Equal("submit_media", card.Slug);
        Assert.Equal("0042", card.CardNumber);
        Assert.Equal("submit media", card.CardType);
        Assert.True(card.IsKnownCardType);
    }

    [Theory]
    [InlineData("https://example.com/quiz/5")] // no lesson segment before the card type
    [InlineData("https://courses.example.com/L1/quiz/5a")]
    [InlineData("https://courses.example.com/L1/quiz")]
    [InlineData("https://courses.example.com/L1/2nd/5")]
    [InlineData("urn:lesson:quiz:5")]
    public void Not_card_urls(string id) => Assert.False(CardTypes.TryParseCardUrl(id, out _));

    [Theory]
    [InlineData(" HTTPS://Example.com:443/a%7e/b%2f/?q#f ")]
    [InlineData("https://example.com/caf%c3%a9/100%")]
    [InlineData("urn:X:y")]
    [InlineData("relative/path/")]
    public void Clean_is_idempotent(string input)
    {
        var once = ActivityUrl.Clean(input);
        Assert.Equal(once, ActivityUrl.Clean(once));
        var id = ActivityUrl.CleanId(input);
        Assert.Equal(id, ActivityUrl.CleanId(id));
    }
}
