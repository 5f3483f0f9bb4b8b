using Npgsql;

namespace SevenTaps.Analysis.Summaries;

/// <summary>The tables an analytics figure can be computed from, each exact for the filters <see cref="SourcePlanner"/> sends to it.</summary>
public enum AnalysisSource
{
    /// <summary><c>learner_totals</c>, one row per learner, with the activity windows from the recent <c>learner_lesson_days</c>.</summary>
    LearnerTotals,

    /// <summary><c>learner_lessons</c> read through <c>ix_learner_lessons_completion_time</c>: each lesson's median minutes to completion from the index's middle.</summary>
    LessonCompletionTimes,

    /// <summary><c>learner_lessons</c>, one row per learner and lesson; pairs spanning one of the query's cuts grouped from their days.</summary>
    LearnerLessons,

    /// <summary>Every <c>learner_lesson_days</c> row, read in the order of <c>ix_learner_lesson_days_learner_week</c>.</summary>
    LearnerLessonDaysInIndexOrder,

    /// <summary><c>learner_lesson_days</c> of the range; rows a cut falls inside replaced by their activities.</summary>
    LearnerLessonDays,

    /// <summary><c>question_answer_counts</c>, per question and UTC day.</summary>
    QuestionAnswerCounts,

    /// <summary><c>free_text_sentiment_counts</c>, per question, lesson and UTC day.</summary>
    FreeTextSentimentCounts,

    /// <summary>The fact tables (<c>user_responses</c>, <c>user_activities</c>).</summary>
    Facts,
}

/// <summary>
/// Which table answers a request exactly, for every analytics endpoint that reads a summary: the one place these
/// rules live. A summary answers a filter when its rows are wholly inside or outside of every condition the filter
/// sets: whole-time rows (<c>learner_lessons</c>, <c>learner_totals</c>) have no day, so they answer requests without
/// a date range; day rows answer any range once the rows a bound falls inside are split (<see cref="LearnerLessonDays"/>);
/// the totals are over every lesson, so they answer no lesson filter. Endpoints over the text of free-text answers
/// (search, themes, flagged) and one question's answers always read the facts. Docs: docs/analytics.md.
/// </summary>
public static class SourcePlanner
{
    /// <summary>Whether every learner's latest statement lies before $1 (the as-of instant): then the totals leave none out.</summary>
    internal const string TotalsAnswerSql = $"SELECT coalesce(max(last_at) < $1, true) FROM {AnalysisSchema.LearnerTotals.Table}";

    /// <summary>Learner-lesson pairs (dropoff, lessons, and the others when nothing cheaper answers): whole-time rows without a date range.</summary>
    public static AnalysisSource Pairs(AnalyticsFilter filter) =>
        filter is { From: null, To: null } ? AnalysisSource.LearnerLessons : AnalysisSource.LearnerLessonDays;

    /// <summary>Per-lesson figures: over all time without a cohort the medians come from the completion-time index.</summary>
    public static AnalysisSource Lessons(AnalyticsFilter filter) =>
        filter is { From: null, To: null, Cohort: null } ? AnalysisSource.LessonCompletionTimes : Pairs(filter);

    /// <summary>Active learners and statements per period: the whole course in index order, any filter from the days.</summary>
    public static AnalysisSource Engagement(AnalyticsFilter filter) =>
        filter is { From: null, To: null, Lesson: null, Cohort: null } ? AnalysisSource.LearnerLessonDaysInIndexOrder : AnalysisSource.LearnerLessonDays;

    /// <summary>Answer counts per question: the daily counts without a cohort (they do not know learners), over all time or whole UTC days.</summary>
    public static AnalysisSource AnswerCounts(AnalyticsFilter filter) =>
        filter is { Cohort: null, HasWholeUtcDays: true } ? AnalysisSource.QuestionAnswerCounts : AnalysisSource.Facts;

    /// <summary>
    /// Sentiment per lesson, question, day or week: the daily counts without a cohort (they do not know learners: neither
    /// a cohort filter nor grouping by cohort), over all time or whole UTC days.
    /// </summary>
    public static AnalysisSource Sentiment(AnalyticsFilter filter, bool byCohort) =>
        filter is { Cohort: null, HasWholeUtcDays: true } && !byCohort ? AnalysisSource.FreeTextSentimentCounts : AnalysisSource.Facts;

    /// <summary>
    /// Per-learner figures as of <paramref name="asOf"/> (overview, learners list, one learner): the totals when they
    /// answer exactly: no <c>from</c> and no lesson (they are over all time and every lesson; a cohort selects whole
    /// rows), and every statement before <paramref name="asOf"/>, so a <c>to</c> or "now" leaves none out (one end of
    /// the index on <c>last_at</c>); else the pairs.
    /// </summary>
    public static async Task<AnalysisSource> LearnersAsync(NpgsqlDataSource reader, AnalyticsFilter filter, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        if (filter.From is not null || filter.Lesson is not null)
        {
            return Pairs(filter);
        }
        await using var command = reader.CreateCommand(TotalsAnswerSql);
        command.Parameters.Add(new NpgsqlParameter { Value = asOf.UtcDateTime });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))! ? AnalysisSource.LearnerTotals : Pairs(filter);
    }
}
