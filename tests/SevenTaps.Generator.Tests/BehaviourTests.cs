using SevenTaps.Generator;

namespace SevenTaps.Generator.Tests;

public class BehaviourTests
{
    private static readonly Lazy<GroundTruth> Large = new(() => new CourseGenerator(new GeneratorOptions { Seed = 2024, Learners = 6000 }).Truth);

    [Fact]
    public void DropoffGrowsLessonByLesson()
    {
        var truth = Large.Value;
        var lessons = truth.Lessons;
        for (var k = 1; k < lessons.Count; k++)
        {
            Assert.True(lessons[k].Completed <= lessons[k - 1].Completed, $"completed rises at lesson {k + 1}");
            Assert.True(lessons[k].Started <= lessons[k - 1].Started, $"started rises at lesson {k + 1}");
            var retention = lessons[k].Completed / (double)lessons[k - 1].Completed;
            Assert.InRange(retention, 0.78, 0.97);
        }

        Assert.True(lessons[^1].Completed < lessons[0].Completed * 0.6, "a real funnel");
        Assert.Equal(truth.ActiveLearners, lessons.Sum(l => l.Dropoff));
        Assert.Equal(truth.CompletedCourse, lessons[^1].Completed);

        // Some learners stop in the middle of a lesson (answered cards, no completed).
        Assert.True(lessons.Count(l => l.Started > l.Completed) >= lessons.Count - 1);
        Assert.All(lessons.Take(lessons.Count - 1), l => Assert.True(l.Dropoff > 0));
    }

    [Fact]
    public void EngagementHasWeekdayShape()
    {
        var truth = Large.Value;
        var weekend = truth.Daily.Where(d => d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Statements);
        var weekday = truth.Daily.Where(d => d.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Statements);
        Assert.True(weekday > weekend * 1.3, $"weekday {weekday:F0} vs weekend {weekend:F0}");

        // Cohort starts are visible as spikes of active learners.
        var byDate = truth.Daily.ToDictionary(d => d.Date);
        foreach (var cohort in truth.Cohorts)
        {
            Assert.True(byDate[cohort.StartDate].ActiveLearners > cohort.Learners / 3);
        }
    }

    [Fact]
    public void AnswerDistributionsAreSkewedNotUniform()
    {
        var truth = Large.Value;
        var polls = truth.Questions.Where(q => q.CardType == "poll" && q.Answers > 500).ToList();
        Assert.NotEmpty(polls);
        Assert.Contains(polls, p => p.Distribution!.Values.Max() > 2 * p.Distribution.Values.Min());
        foreach (var quiz in truth.Questions.Where(q => q.CardType == "quiz" && q.Answers > 500))
        {
            var rate = quiz.Correct!.Value / (double)quiz.Answers;
            Assert.InRange(rate, 0.3, 0.95);
        }

        var thumbs = truth.Questions.Where(q => q.CardType == "rate" && q.Distribution!.ContainsKey("thumbs-up") && q.Answers > 200).ToList();
        Assert.All(thumbs, q => Assert.True(q.Distribution!["thumbs-up"] > q.Distribution["thumbs-down"]));
    }

    [Fact]
    public void FreeTextCoversEveryThemeAndToneWithSomeConcerningAnswers()
    {
        var truth = Large.Value;
        Assert.All(truth.FreeText.Themes.Values, v => Assert.True(v > 100));
        Assert.All(truth.FreeText.Tones.Values, v => Assert.True(v > 1000));
        var share = truth.FreeText.Concerning / (double)truth.FreeText.Answers;
        Assert.InRange(share, 0.001, 0.02);
        Assert.Equal(truth.FreeText.Answers, truth.FreeText.Themes.Values.Sum());
        Assert.Equal(truth.FreeText.Answers, truth.FreeText.Tones.Values.Sum());
    }
}
