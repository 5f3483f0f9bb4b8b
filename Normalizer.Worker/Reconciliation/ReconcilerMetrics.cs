using System.Diagnostics.Metrics;

namespace Normalizer.Worker.Reconciliation;

/// <summary>
/// What the reconciler found, as metrics (meter <c>SevenTaps.Normalizer.Reconciler</c>): statements it normalized
/// because their stream entry never arrived, those it handed back to the stream because normalizing them failed, and
/// the mark, so a mark that stops moving shows.
/// </summary>
internal sealed class ReconcilerMetrics
{
    public const string MeterName = "SevenTaps.Normalizer.Reconciler";

    private readonly Counter<long> _reconciled;
    private readonly Counter<long> _handedBack;
    private long _mark;

    public ReconcilerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _reconciled = meter.CreateCounter<long>("seventaps.normalizer.reconciled", "{statement}",
            "Stored statements normalized by the reconciler because their stream entry was lost.");
        _handedBack = meter.CreateCounter<long>("seventaps.normalizer.reconcile_failed", "{statement}",
            "Lost statements the reconciler could not normalize and put back on the stream (its retries and dead letters take over).");
        meter.CreateObservableGauge("seventaps.normalizer.reconciled_through", () => Interlocked.Read(ref _mark), "{sequence}",
            "The mark: every stored statement up to this xapi.statements.seq is normalized.");
    }

    public void Reconciled(int count) => _reconciled.Add(count);

    public void HandedBack(int count) => _handedBack.Add(count);

    public void MarkAt(long mark) => Interlocked.Exchange(ref _mark, mark);
}
