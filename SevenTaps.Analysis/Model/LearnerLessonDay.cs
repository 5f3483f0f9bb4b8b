namespace SevenTaps.Analysis.Model;

/// <summary>
/// A learner's statements on one lesson during one UTC day (table <c>learner_lesson_days</c>): the whole-course
/// analytics with a date range read these rows (about one per nine activities) instead of every activity.
/// </summary>
public sealed class LearnerLessonDay : LearnerLessonSums
{
    /// <summary>The UTC date of the statements' time.</summary>
    public DateOnly Day { get; set; }
}
