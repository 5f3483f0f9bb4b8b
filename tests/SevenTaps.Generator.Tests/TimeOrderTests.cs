using SevenTaps.Generator;

namespace SevenTaps.Generator.Tests;

public class TimeOrderTests
{
    [Theory]
    [InlineData(7.0)]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void TimeOrderedStreamHasTheSameStatementsInTimeOrder(double windowDays)
    {
        var set = Fixtures.Get(Fixtures.Small(11, learners: 400, voided: 0.05));
        var ordered = set.Generator.StatementsInTimeOrder(TimeSpan.FromDays(windowDays)).ToList();
        Assert.Equal(set.Statements.Count, ordered.Count);
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i - 1].Timestamp <= ordered[i].Timestamp);
        }

        var expected = set.Statements.ToDictionary(s => s.Id);
        foreach (var s in ordered)
        {
            Assert.Equal(expected[s.Id], s);
        }

        // A voiding statement never precedes the statement it voids.
        var position = ordered.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id.ToString(), x => x.i);
        foreach (var (s, i) in ordered.Select((s, i) => (s, i)).Where(x => x.s.Kind == StatementKind.Voiding))
        {
            var target = System.Text.Json.JsonDocument.Parse(s.Json).RootElement.GetProperty("object").GetProperty("id").GetString()!;
            Assert.True(position[target] < i);
        }
    }

    [Fact]
    public void TimeOrderIsDeterministicAcrossWindowSizes()
    {
        var generator = new CourseGenerator(Fixtures.Small(4, learners: 150));
        var a = generator.StatementsInTimeOrder(TimeSpan.FromDays(7)).Select(s => s.Json);
        var b = generator.StatementsInTimeOrder(TimeSpan.FromDays(2)).Select(s => s.Json);
        Assert.Equal(a, b);
    }
}
