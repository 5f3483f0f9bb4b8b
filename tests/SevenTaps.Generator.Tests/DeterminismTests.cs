using System.Security.Cryptography;
using System.Text;
using SevenTaps.Generator;

namespace SevenTaps.Generator.Tests;

public class DeterminismTests
{
    private static string Jsonl(CourseGenerator generator)
    {
        var sb = new StringBuilder();
        foreach (var s in generator.Statements())
        {
            sb.Append(s.Json).Append('\n');
        }

        return sb.ToString();
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void SameOptionsGiveByteIdenticalOutput()
    {
        var options = Fixtures.Small(21, learners: 250, voided: 0.01);
        var a = new CourseGenerator(options);
        var b = new CourseGenerator(options with { });
        var jsonA = Jsonl(a);
        Assert.Equal(jsonA, Jsonl(b));
        Assert.Equal(jsonA, Jsonl(a)); // enumerating again
        Assert.Equal(a.Truth.ToJson(), b.Truth.ToJson());
        Assert.Equal(a.Course.Cards.Select(c => c.Id + c.NameDelta), b.Course.Cards.Select(c => c.Id + c.NameDelta));
        Assert.Equal(a.Course.ToLessonMappingJson(DateTimeOffset.UnixEpoch), b.Course.ToLessonMappingJson(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentOutput()
    {
        var a = new CourseGenerator(Fixtures.Small(21, learners: 100));
        var b = new CourseGenerator(Fixtures.Small(22, learners: 100));
        Assert.NotEqual(Hash(Jsonl(a)), Hash(Jsonl(b)));
        Assert.NotEqual(a.Course.Lessons[0].Url, b.Course.Lessons[0].Url);
        Assert.Empty(a.Statements().Select(s => s.Id).Intersect(b.Statements().Select(s => s.Id)));
        Assert.Empty(a.Learners().Select(l => l.AccountName).Intersect(b.Learners().Select(l => l.AccountName)));
    }

    [Fact]
    public void LearnersDoNotDependOnHowManyOthersThereAre()
    {
        // Learner i is a function of (options except Learners, i): a larger run extends a smaller one.
        var small = new CourseGenerator(Fixtures.Small(5, learners: 50)).Statements().Select(s => s.Json).ToList();
        var large = new CourseGenerator(Fixtures.Small(5, learners: 80)).Statements().Select(s => s.Json).Take(small.Count).ToList();
        Assert.Equal(small, large);
    }

    [Fact]
    public void OutputDoesNotDependOnCurrentCulture()
    {
        var options = Fixtures.Small(8, learners: 60, voided: 0.05);
        var invariant = Jsonl(new CourseGenerator(options));
        var truth = new CourseGenerator(options).Truth.ToJson();
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(invariant, Jsonl(new CourseGenerator(options)));
            Assert.Equal(truth, new CourseGenerator(options).Truth.ToJson());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
