using Analytics.Api.Queries;

namespace Analytics.Tests;

/// <summary>
/// The rules that pick a table for a filter, all in <see cref="SourcePlanner"/>; that each source gives the same answers
/// as the others is what <see cref="SummaryPathTests"/> and <see cref="LearnerTotalsPathTests"/> compare.
/// </summary>
public sealed class SourcePlannerTests
{
    private static readonly DateTimeOffset Midnight = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly AnalyticsFilter Everything = new(null, null, null, null);

    [Fact]
    public void Pairs_come_from_the_whole_time_rows_without_a_date_range_and_from_the_days_with_one()
    {
        Assert.Equal(AnalysisSource.LearnerLessons, SourcePlanner.Pairs(Everything));
        Assert.Equal(AnalysisSource.LearnerLessons, SourcePlanner.Pairs(Everything with { Lesson = "https://x/l1", Cohort = DateOnly.FromDateTime(Midnight.UtcDateTime) }));
        Assert.Equal(AnalysisSource.LearnerLessonDays, SourcePlanner.Pairs(Everything with { From = Midnight }));
        Assert.Equal(AnalysisSource.LearnerLessonDays, SourcePlanner.Pairs(Everything with { To = Midnight }));
    }

    [Fact]
    public void Lessons_read_the_completion_time_index_over_all_time_without_a_cohort()
    {
        Assert.Equal(AnalysisSource.LessonCompletionTimes, SourcePlanner.Lessons(Everything));
        Assert.Equal(AnalysisSource.LessonCompletionTimes, SourcePlanner.Lessons(Everything with { Lesson = "https://x/l1" }));
        Assert.Equal(AnalysisSource.LearnerLessons, SourcePlanner.Lessons(Everything with { Cohort = new DateOnly(2025, 3, 3) }));
        Assert.Equal(AnalysisSource.LearnerLessonDays, SourcePlanner.Lessons(Everything with { From = Midnight }));
    }

    [Fact]
    public void Engagement_reads_the_index_order_only_without_any_filter()
    {
        Assert.Equal(AnalysisSource.LearnerLessonDaysInIndexOrder, SourcePlanner.Engagement(Everything));
        Assert.Equal(AnalysisSource.LearnerLessonDays, SourcePlanner.Engagement(Everything with { Lesson = "https://x/l1" }));
        Assert.Equal(AnalysisSource.LearnerLessonDays, SourcePlanner.Engagement(Everything with { Cohort = new DateOnly(2025, 3, 3) }));
        Assert.Equal(AnalysisSource.LearnerLessonDays, SourcePlanner.Engagement(Everything with { To = Midnight }));
    }

    [Fact]
    public void Answer_counts_come_from_the_daily_counts_without_a_cohort_over_whole_utc_days()
    {
        Assert.Equal(AnalysisSource.QuestionAnswerCounts, SourcePlanner.AnswerCounts(Everything));
        Assert.Equal(AnalysisSource.QuestionAnswerCounts, SourcePlanner.AnswerCounts(Everything with { From = Midnight, To = Midnight.AddDays(7), Lesson = "https://x/l1" }));
        Assert.Equal(AnalysisSource.QuestionAnswerCounts, SourcePlanner.AnswerCounts(Everything with { From = new DateTimeOffset(2025, 3, 3, 5, 30, 0, TimeSpan.FromHours(5.5)) }));
        Assert.Equal(AnalysisSource.Facts, SourcePlanner.AnswerCounts(Everything with { From = Midnight.AddHours(1) }));
        Assert.Equal(AnalysisSource.Facts, SourcePlanner.AnswerCounts(Everything with { Cohort = new DateOnly(2025, 3, 3) }));
    }

    [Fact]
    public void Sentiment_comes_from_the_daily_counts_without_a_cohort_filter_or_grouping_over_whole_utc_days()
    {
        Assert.Equal(AnalysisSource.FreeTextSentimentCounts, SourcePlanner.Sentiment(Everything, byCohort: false));
        Assert.Equal(AnalysisSource.FreeTextSentimentCounts, SourcePlanner.Sentiment(Everything with { From = Midnight, To = Midnight.AddDays(7), Lesson = "https://x/l1" }, byCohort: false));
        Assert.Equal(AnalysisSource.Facts, SourcePlanner.Sentiment(Everything, byCohort: true));
        Assert.Equal(AnalysisSource.Facts, SourcePlanner.Sentiment(Everything with { To = Midnight.AddMinutes(1) }, byCohort: false));
        Assert.Equal(AnalysisSource.Facts, SourcePlanner.Sentiment(Everything with { Cohort = new DateOnly(2025, 3, 3) }, byCohort: false));
    }
}
