using Normalizer.Worker.Normalization;

namespace Normalizer.Tests.Normalization;

public class CardTypeTests
{
    [Theory]
    [InlineData("poll", "poll")]
    [InlineData("Poll", "poll")]
    [InlineData("form", "form")]
    [InlineData("quiz", "quiz")]
    [InlineData("rate", "rate")]
    [InlineData("rating", "rate")]
    [InlineData("submit-media", "submit media")]
    [InlineData("SUBMIT_MEDIA", "submit media")]
    [InlineData("submitmedia", "submit media")]
    [InlineData("Submit media", "submit media")]
    [InlineData("open-question", "open question")]
    [InlineData("open__question", "open question")]
    public void Normalize(string slug, string expected) => Assert.Equal(expected, CardTypes.Normalize(slug));

    [Fact]
    public void The_five_export_card_types_are_known()
    {
        // The card types of the 7taps export (focus_group_responses_pseudonymized.csv, "Card type" column).
        foreach (var exported in new[] { "Poll", "Form", "Quiz", "Submit media", "Rate" })
        {
            Assert.True(CardTypes.IsKnown(exported), exported);
            Assert.Contains(CardTypes.Normalize(exported), CardTypes.All);
        }

        Assert.False(CardTypes.IsKnown("open-question"));
    }
}
