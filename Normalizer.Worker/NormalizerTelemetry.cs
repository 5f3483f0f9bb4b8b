using System.Diagnostics;

namespace Normalizer.Worker;

/// <summary>The worker's spans: one per batch, and one Consumer span per originating request (trace) in it.</summary>
internal static class NormalizerTelemetry
{
    public static readonly ActivitySource ActivitySource = new("SevenTaps.Normalizer");

    public const string StatementIdsTag = "seventaps.statement_ids";
}
