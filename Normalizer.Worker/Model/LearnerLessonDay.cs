namespace Normalizer.Worker.Model;

/// <summary>
/// A learner's statements on one lesson during one UTC day (table <c>learner_lesson_days</c>), summed from the
/// fact tables by the normalizer in the transaction that writes them: the whole-course analytics read these
/// rows (about one per nine activities) instead of every activity.
/// </summary>
public sealed class LearnerLessonDay
{
    public required string UserId { get; set; }

    /// <summary>The lesson, or the empty string for statements without one (a key column cannot be null).</summary>
    public required string LessonUrl { get; set; }

    /// <summary>The UTC date of the statements' time.</summary>
    public DateOnly Day { get; set; }

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
