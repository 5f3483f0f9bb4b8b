namespace SevenTaps.Bench;

public sealed record BenchOptions(int Seconds, Uri? Gateway, string? Key, string? Secret, string? DatabaseConnectionString)
{
    /// <summary>normalizer: skip the backlog throughput runs.</summary>
    public bool FreshnessOnly { get; init; }

    /// <summary>ingest: the gateway serves HTTPS (its self-signed certificate) and every request goes over TLS.</summary>
    public bool Https { get; init; }

    public static BenchOptions Parse(string[] args, int defaultSeconds = 10)
    {
        string? Value(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
        return new BenchOptions(
            int.TryParse(Value("--seconds"), out var seconds) ? seconds : defaultSeconds,
            Value("--gateway") is { } gateway ? new Uri(gateway) : null,
            Value("--key"),
            Value("--secret"),
            Value("--connection"))
        {
            FreshnessOnly = args.Contains("--freshness-only"),
            Https = args.Contains("--https"),
        };
    }
}
