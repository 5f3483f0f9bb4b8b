using SevenTaps.Xapi;

namespace SevenTaps.Xapi.Tests;

public class Iso8601DurationTests
{
    [Theory]
    [InlineData("PT1H2M3.5S", 3723.5)]
    [InlineData("P1D", 86400)]
    [InlineData("P2W", 1209600)]
    [InlineData("PT4H35M59.14S", 16559.14)]
    [InlineData("PT16559.14S", 16559.14)]
    [InlineData("PT1234S", 1234)]
    [InlineData("PT1H0M0S", 3600)]
    [InlineData("PT0S", 0)]
    [InlineData("PT36H", 129600)]
    [InlineData("P0.5D", 43200)]
    [InlineData("PT1,5S", 1.5)]
    [InlineData("P1Y", 31556952)]
    [InlineData("P1M", 2629746)]
    [InlineData("P3Y1M29DT4H35M59.14S", 3 * 31556952 + 2629746 + 29 * 86400 + 16559.14)]
    public void Parses_to_nominal_seconds(string text, double expectedSeconds)
    {
        var duration = Iso8601Duration.Parse(text);

        Assert.Equal((decimal)expectedSeconds, duration.TotalSecondsExact);
        Assert.Equal(expectedSeconds, duration.TotalSeconds, precision: 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("1H")]
    [InlineData("PT1H30")]
    [InlineData("P4W1D")]
    [InlineData("-P1D")]
    [InlineData("P1.5DT1H")]
    [InlineData("PT1.5H30M")]
    [InlineData("P16559.14S")]
    [InlineData("P0003-01-29T04:35:59")]
    [InlineData("pt1h")]
    [InlineData("PT1D")]
    [InlineData("P1H")]
    [InlineData("PT1M1H")]
    [InlineData("P 1D")]
    public void Rejects_malformed_durations(string text)
    {
        Assert.False(Iso8601Duration.TryParse(text, out var duration));
        Assert.Null(duration);
        Assert.False(Iso8601Duration.IsWellFormed(text));
        Assert.Throws<FormatException>(() => Iso8601Duration.Parse(text));
    }

    [Fact]
    public void Keeps_each_component()
    {
        var d = Iso8601Duration.Parse("P1Y2M3DT4H5M6.75S");

        Assert.Equal(new Iso8601Duration(1, 2, 0, 3, 4, 5, 6.75m), d);
    }

    [Fact]
    public void Converts_to_TimeSpan()
    {
        Assert.Equal(TimeSpan.FromSeconds(3723.5), Iso8601Duration.Parse("PT1H2M3.5S").ToTimeSpan());
    }

    [Fact]
    public void Calendar_conversion_uses_real_month_lengths_from_a_start_instant()
    {
        var start = new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromDays(29), Iso8601Duration.Parse("P1M").ToTimeSpan(start)); // 2024 is a leap year
        Assert.Equal(TimeSpan.FromDays(366), Iso8601Duration.Parse("P1Y").ToTimeSpan(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromDays(30) + TimeSpan.FromHours(1), Iso8601Duration.Parse("P1MT1H").ToTimeSpan(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Too_long_for_a_TimeSpan_throws_instead_of_wrapping()
    {
        var duration = Iso8601Duration.Parse("P100000Y");

        Assert.Throws<OverflowException>(() => duration.ToTimeSpan());
        Assert.Equal(100000m * Iso8601Duration.SecondsPerYear, duration.TotalSecondsExact);
    }
}
