using SevenTaps.Generator;

namespace SevenTaps.Generator.Tests;

public class OptionsTests
{
    [Theory]
    [InlineData(200_000L, 4_000)]
    [InlineData(50_000L, 500)]
    [InlineData(30_000L, 3_000)]
    public void ForStatementCountLandsNearTheTarget(long target, int learners)
    {
        var options = GeneratorOptions.ForStatementCount(target, learners, seed: 13);
        Assert.Equal(learners, options.Learners);
        Assert.Equal(13, options.Seed);
        var actual = new CourseGenerator(options).Truth.Statements;
        Assert.InRange(actual, target * 0.95, target * 1.05);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new CourseGenerator(new GeneratorOptions { Learners = 0 }));
        Assert.Throws<ArgumentException>(() => new CourseGenerator(new GeneratorOptions { MinCardsPerLesson = 4 }));
        Assert.Throws<ArgumentException>(() => new CourseGenerator(new GeneratorOptions { MinCardsPerLesson = 10, MaxCardsPerLesson = 9 }));
        Assert.Throws<ArgumentException>(() => new CourseGenerator(new GeneratorOptions { BaseUrl = "https://x.org/" }));
        Assert.Throws<ArgumentException>(() => new CourseGenerator(new GeneratorOptions { VoidedFraction = -0.1 }));
        Assert.Throws<ArgumentException>(() => new CourseGenerator(new GeneratorOptions { Weeks = 0 }));
    }

    [Fact]
    public void NoVoidingWhenTheFractionIsZero()
    {
        var truth = new CourseGenerator(Fixtures.Small(2, learners: 300, voided: 0)).Truth;
        Assert.Equal(0, truth.Voided);
        Assert.Equal(truth.Statements, truth.AnsweredStatements + truth.CompletedStatements);
    }
}
