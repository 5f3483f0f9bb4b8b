namespace SevenTaps.Analysis.Model;

/// <summary>
/// The sums the normalizer keeps of a learner's fact rows on one lesson (<see cref="LearnerLessonDay"/> per UTC
/// day, <see cref="LearnerLesson"/> over the whole time), in the transaction that writes the facts.
/// </summary>
public abstract class LearnerLessonSums
{
    public required string UserId { get; set; }

    /// <summary>The lesson, or the empty string for statements without one (a key column cannot be null).</summary>
    public required string LessonUrl { get; set; }

    /// <summary>Activity rows (one per statement with a learner).</summary>
    public int Statements { get; set; }

    /// <summary>Completed statements on the lesson itself (not on one of its questions).</summary>
    public int Completions { get; set; }

    /// <summary>Response rows.</summary>
    public int Responses { get; set; }

    /// <summary>The earliest activity's time; null only on a row that holds responses alone.</summary>
    public DateTimeOffset? FirstAt { get; set; }

    public DateTimeOffset? LastAt { get; set; }

    public DateTimeOffset? FirstCompletedAt { get; set; }
}
