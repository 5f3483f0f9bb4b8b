using System.Text.Json;
using SevenTaps.Generator;

namespace SevenTaps.Generator.Tests;

/// <summary>Generated data sets shared by tests (generation is deterministic, so caching is safe).</summary>
internal static class Fixtures
{
    private static readonly Dictionary<GeneratorOptions, DataSet> Cache = [];

    public static DataSet Get(GeneratorOptions options)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(options, out var set))
            {
                set = new DataSet(options);
                Cache[options] = set;
            }

            return set;
        }
    }

    public static GeneratorOptions Small(int seed, int learners = 300, double voided = 0.002) =>
        new() { Seed = seed, Learners = learners, VoidedFraction = voided };
}

internal sealed class DataSet
{
    public DataSet(GeneratorOptions options)
    {
        Generator = new CourseGenerator(options);
        Statements = Generator.Statements().ToList();
        Truth = Generator.Truth;
        Parsed = Statements.Select(s => JsonDocument.Parse(s.Json).RootElement.Clone()).ToList();
    }

    public CourseGenerator Generator { get; }

    public List<GeneratedStatement> Statements { get; }

    public List<JsonElement> Parsed { get; }

    public GroundTruth Truth { get; }
}
