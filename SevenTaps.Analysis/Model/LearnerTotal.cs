namespace SevenTaps.Analysis.Model;

/// <summary>
/// A learner's whole-time figures (table <c>learner_totals</c>), summed from their <see cref="LearnerLesson"/> rows
/// that hold activities, recomputed in the transaction that changes those rows: the learners list and the overview
/// without a date range or lesson read one row per learner here instead of grouping every learner-lesson pair.
/// </summary>
public sealed class LearnerTotal
{
    public required string UserId { get; set; }

    /// <summary>Lessons with an activity of the learner (statements without a lesson are not a lesson).</summary>
    public int LessonsStarted { get; set; }

    /// <summary>Lessons the learner completed (a completed statement on the lesson itself).</summary>
    public int LessonsCompleted { get; set; }

    /// <summary>Activity rows.</summary>
    public int Statements { get; set; }

    /// <summary>Response rows of the learner-lessons that hold activities.</summary>
    public int Responses { get; set; }

    public DateTimeOffset FirstAt { get; set; }

    public DateTimeOffset LastAt { get; set; }
}
