using static Normalizer.Tests.Normalization.Fixtures;

namespace Normalizer.Tests.Normalization;

public class DurationTests
{
    [Theory]
    [InlineData("PT1H2M3.5S", 3723.5)]
    [InlineData("P1D", 86400)]
    [InlineData("PT0S", 0)]
    [InlineData("P1W", 604800)]
    [InlineData("PT0.25S", 0.25)]
    public void Durations_are_converted_to_seconds(string duration, double seconds)
    {
        var result = Normalize(Statement(Activity(Card("quiz")), result: $$"""{"response":"a","duration":"{{duration}}"}"""));
        Assert.Equal(seconds, result.Response!.DurationSeconds);
        Assert.Equal(seconds, result.Activity!.DurationSeconds);
    }

    [Fact]
    public void Missing_duration_is_null()
    {
        var result = Normalize(Statement(Activity(Card("quiz")), result: """{"response":"a"}"""));
        Assert.Null(result.Response!.DurationSeconds);
        Assert.Null(result.Activity!.DurationSeconds);
    }

    [Fact]
    public void Unparseable_duration_is_null_not_an_error()
    {
        var result = Normalize(Statement(Activity(Card("quiz")), result: """{"response":"a","duration":"1 hour"}"""));
        Assert.Null(result.Response!.DurationSeconds);
        Assert.Null(result.Skipped);
    }
}
