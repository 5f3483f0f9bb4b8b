namespace SevenTaps.Analysis.Model;

/// <summary>
/// A learner's statements on one lesson over the whole time (table <c>learner_lessons</c>): analytics without a
/// date range read one row per learner and lesson here instead of grouping their days.
/// </summary>
public sealed class LearnerLesson : LearnerLessonSums;
