using System.Text.Json;
using SevenTaps.Generator;
using SevenTaps.Xapi;

namespace SevenTaps.Generator.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "seventaps-gen-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void GenerateWritesStatementsTruthAndCatalogue()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Cli.Run(["generate", "--seed", "7", "--learners", "120", "--out", dir, "--labels", "--voided-fraction", "0.02"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("wrote", stdout.ToString());

        var lines = File.ReadAllLines(Path.Combine(dir, "statements.jsonl"));
        var truth = GroundTruth.FromJson(File.ReadAllText(Path.Combine(dir, "truth.json")));
        Assert.Equal(truth.Statements, lines.Length);
        Assert.Equal(120, truth.Learners);
        Assert.All(lines.Take(200), l => Assert.Empty(StatementValidator.ValidateJson(l, XapiVersion.V2_0_0)));

        // The same as the library produces.
        var generator = new CourseGenerator(new GeneratorOptions { Seed = 7, Learners = 120, VoidedFraction = 0.02 });
        Assert.Equal(generator.Statements().Select(s => s.Json), lines);
        Assert.Equal(generator.Truth.ToJson() + "\n", File.ReadAllText(Path.Combine(dir, "truth.json")));

        var labels = File.ReadAllLines(Path.Combine(dir, "labels.jsonl"));
        Assert.Equal(generator.Statements().Count(s => s.FreeText is not null), labels.Length);
        var firstLabel = JsonDocument.Parse(labels[0]).RootElement;
        Assert.Contains(firstLabel.GetProperty("theme").GetString(), FreeTextBank.Themes);

        var mapping = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "lesson_mapping.json"))).RootElement;
        Assert.Equal(truth.Lessons[0].Url, mapping.GetProperty("lessons").GetProperty("1").GetProperty("lesson_url").GetString());
    }

    [Fact]
    public void TimeOrderedAndTargetCountOptions()
    {
        var code = Cli.Run(["generate", "--seed", "3", "--learners", "300", "--statements", "15000", "--time-ordered", "--out", dir], TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        var lines = File.ReadAllLines(Path.Combine(dir, "statements.jsonl"));
        Assert.InRange(lines.Length, 14_000, 16_000);
        var times = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("timestamp").GetString()!).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    [Fact]
    public void BadArgumentsFailWithUsage()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, Cli.Run(["generate", "--learners", "x", "--out", dir], TextWriter.Null, stderr));
        Assert.Equal(2, Cli.Run(["generate", "--nope"], TextWriter.Null, stderr));
        Assert.Equal(2, Cli.Run(["generate", "--seed", "1"], TextWriter.Null, stderr));
        Assert.Equal(2, Cli.Run(["frobnicate"], TextWriter.Null, stderr));
        Assert.Contains("--out", stderr.ToString());
    }
}
