using System.Text.Json.Nodes;
using Normalizer.Worker.Normalization;
using static Normalizer.Tests.Normalization.Fixtures;

namespace Normalizer.Tests.Normalization;

public class DeterminismTests
{
    private static JsonObject Rich() => Statement(
        Activity(Card("quiz"), """
            {"name":{"en-US":"{\"ops\":[{\"insert\":\"Pick\\n\"}]}"},"interactionType":"choice","correctResponsesPattern":["a"],
             "choices":[{"id":"a","description":{"en-US":"A"}},{"id":"b","description":{"en-US":"B"}}]}
            """),
        result: """{"response":"a[,]b","success":true,"score":{"raw":1},"duration":"PT3S"}""",
        context: """{"contextActivities":{"parent":[{"id":"https://courses.example.org/Kq4vRt8LmZ2a/"}]}}""");

    [Fact]
    public void Same_input_gives_equal_output()
    {
        var catalogue = SampleCatalogue();
        var first = StatementNormalizer.Normalize(Rich(), catalogue);
        var second = StatementNormalizer.Normalize(Rich(), catalogue);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal("1", first.Lesson!.LessonNumber);
    }

    [Fact]
    public void Input_is_not_mutated()
    {
        var statement = Rich();
        var before = statement.DeepClone();
        StatementNormalizer.Normalize(statement, SampleCatalogue());
        Assert.True(JsonNode.DeepEquals(before, statement));
        Assert.Equal(before.ToJsonString(), statement.ToJsonString());
    }

    [RealSampleFact(RealSamples.Statement)]
    public void Real_statement_is_not_mutated() => AssertNotMutatedByNormalizing(RealStatement());

    [Fact]
    public void Sample_statement_is_not_mutated() => AssertNotMutatedByNormalizing(SampleStatement());

    private static void AssertNotMutatedByNormalizing(JsonObject statement)
    {
        var before = statement.ToJsonString();
        StatementNormalizer.Normalize(statement);
        StatementNormalizer.Normalize(statement);
        Assert.Equal(before, statement.ToJsonString());
    }

    [Fact]
    public void Null_statement_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => StatementNormalizer.Normalize(null!));
    }

    [Fact]
    public void Rows_compare_by_value_including_lists()
    {
        var a = new EquatableList<string>(["x", "y"]);
        var b = new EquatableList<string>(["x", "y"]);
        Assert.Equal(a, b);
        Assert.NotEqual(a, new EquatableList<string>(["y", "x"]));
    }
}
