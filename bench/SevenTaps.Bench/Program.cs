using SevenTaps.Bench;

return args.FirstOrDefault() switch
{
    "ingest" => await IngestBenchmark.RunAsync(BenchOptions.Parse(args.Skip(1).ToArray())),
    "normalizer" => await NormalizerBenchmark.RunAsync(BenchOptions.Parse(args.Skip(1).ToArray())),
    "analytics" => await AnalyticsBenchmark.RunAsync(AnalyticsBenchOptions.Parse(args.Skip(1).ToArray())),
    "dashboard" => await DashboardBenchmark.RunAsync(AnalyticsBenchOptions.Parse(args.Skip(1).ToArray(), defaultCold: 5, defaultWarm: 20)),
    "agent" => await AgentBenchmark.RunAsync(AnalyticsBenchOptions.Parse(args.Skip(1).ToArray(), defaultCold: 3, defaultWarm: 10)),
    // 7taps' rate is a minute-long trickle, not a 10 s burst: 60 s unless told.
    "trickle" => await TrickleBenchmark.RunAsync(BenchOptions.Parse(args.Skip(1).ToArray(), defaultSeconds: 60)),
    // The trickle's load client, started by the trickle benchmark itself in a process of its own.
    TrickleClient.Command => await TrickleClient.RunAsync(args.Skip(1).ToArray()),
    "renormalize" => await RenormalizeBenchmark.RunAsync(BenchOptions.Parse(args.Skip(1).ToArray())),
    "chaos" => await ChaosBenchmark.RunAsync(ChaosOptions.Parse(args.Skip(1).ToArray())),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/SevenTaps.Bench -- ingest [--seconds 10] [--https] [--gateway URL --key K --secret S] [--connection PG]
               dotnet run -c Release --project bench/SevenTaps.Bench -- normalizer [--seconds 10] [--freshness-only]
               dotnet run -c Release --project bench/SevenTaps.Bench -- trickle [--seconds 60]
               dotnet run -c Release --project bench/SevenTaps.Bench -- renormalize
               dotnet run -c Release --project bench/SevenTaps.Bench -- chaos [--minutes 10] [--seed 7]
               dotnet run -c Release --project bench/SevenTaps.Bench -- analytics [--statements 1000000] [--learners 20000] [--data-dir DIR] [--cold 10] [--warm 50]
               dotnet run -c Release --project bench/SevenTaps.Bench -- dashboard [--statements 1000000] [--learners 20000] [--data-dir DIR] [--cold 5] [--warm 20]
               dotnet run -c Release --project bench/SevenTaps.Bench -- agent [--statements 1000000] [--learners 20000] [--data-dir DIR] [--cold 3] [--warm 10]
          Without --gateway, starts the whole system (durable storage) in a temporary data directory first;
          analytics and agent keep their data directory (default /tmp/seventaps-bench-analytics-N-M, shared), so a re-run skips loading.
        """);
    return 2;
}
