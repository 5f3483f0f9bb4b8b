using System.ComponentModel.DataAnnotations;

namespace Normalizer.Worker.Reconciliation;

/// <summary>Settings of the reconciler (<see cref="StatementReconciler"/>), section <c>Normalizer:Reconciler</c>.</summary>
public sealed class ReconcilerOptions
{
    public const string SectionName = "Normalizer:Reconciler";

    /// <summary>
    /// How often a pass runs. A stored statement whose stream entry was lost reaches the analysis tables between one
    /// and two intervals after it was stored: a pass looks only at statements settled at the previous pass, so the
    /// stream has had at least one interval to deliver them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sequence numbers (<c>xapi.statements.seq</c>) one query and one advance of the mark cover at most, so a long
    /// gap (a mark far behind, the first pass over a store that predates the reconciler) is walked in bounded steps.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RangeSize { get; set; } = 10_000;
}
