namespace SevenTaps.Bench;

/// <summary>Options of <c>analytics</c> and <c>agent</c>: the course size, where its data lives, and how many requests per endpoint.</summary>
public sealed record AnalyticsBenchOptions(long Statements, int Learners, string? DataDirectory, int ColdSamples, int WarmSamples)
{
    public static AnalyticsBenchOptions Parse(string[] args, int defaultCold = 10, int defaultWarm = 50)
    {
        string? Value(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
        return new AnalyticsBenchOptions(
            long.TryParse(Value("--statements"), out var statements) ? statements : 1_000_000,
            int.TryParse(Value("--learners"), out var learners) ? learners : 20_000,
            Value("--data-dir"),
            int.TryParse(Value("--cold"), out var cold) ? cold : defaultCold,
            int.TryParse(Value("--warm"), out var warm) ? warm : defaultWarm);
    }
}
