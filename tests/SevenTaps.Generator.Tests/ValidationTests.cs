using SevenTaps.Generator;
using SevenTaps.Xapi;

namespace SevenTaps.Generator.Tests;

public class ValidationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void EveryStatementIsValidXapi_1_0_3_And_2_0_0(int seed)
    {
        var set = Fixtures.Get(Fixtures.Small(seed, voided: 0.01));
        Assert.True(set.Statements.Count > 5000);
        Assert.Contains(set.Statements, s => s.Kind == StatementKind.Voiding);
        foreach (var statement in set.Statements)
        {
            foreach (var version in new[] { XapiVersion.V1_0_3, XapiVersion.V2_0_0 })
            {
                var errors = StatementValidator.ValidateJson(statement.Json, version);
                Assert.True(errors.Count == 0, $"{version}: {string.Join("; ", errors)}\n{statement.Json}");
            }
        }
    }

    [Fact]
    public void OptionsEdgesStillValidate()
    {
        // Many lessons (names wrap), long lessons (card bank wraps), one cohort, one week, another base URL.
        var options = new GeneratorOptions
        {
            Seed = 5, Learners = 40, LessonCount = 25, MinCardsPerLesson = 5, MaxCardsPerLesson = 60,
            Cohorts = 1, Weeks = 1, BaseUrl = "https://example.org/course", VoidedFraction = 0.05, LessonRetention = 1,
        };
        var generator = new CourseGenerator(options);
        var count = 0;
        foreach (var statement in generator.Statements())
        {
            Assert.Empty(StatementValidator.ValidateJson(statement.Json, XapiVersion.V1_0_3));
            Assert.Empty(StatementValidator.ValidateJson(statement.Json, XapiVersion.V2_0_0));
            count++;
        }

        Assert.Equal(generator.Truth.Statements, count);
        Assert.All(generator.Course.Lessons, l => Assert.StartsWith("https://example.org/course/", l.Url));
    }
}
