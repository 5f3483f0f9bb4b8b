using System.Globalization;
using System.Text.Json;
using SevenTaps.Generator;

namespace SevenTaps.Generator.Tests;

/// <summary>Recomputes every ground-truth number from the emitted JSON alone and compares.</summary>
public class GroundTruthTests
{
    public static TheoryData<int, double> Cases => new() { { 3, 0.002 }, { 11, 0.05 }, { 42, 0.01 } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TruthMatchesAnIndependentRecomputationFromTheJson(int seed, double voidedFraction)
    {
        var set = Fixtures.Get(Fixtures.Small(seed, learners: 400, voided: voidedFraction));
        var truth = set.Truth;
        var course = set.Generator.Course;
        var lessonNumber = course.Lessons.ToDictionary(l => l.Url, l => l.Number);
        var cards = course.Cards.ToDictionary(c => c.Id);

        // Pass 1: what is voided.
        var voided = new HashSet<string>();
        var voidingIds = new List<string>();
        foreach (var s in set.Parsed)
        {
            if (Verb(s) == "http://adlnet.gov/expapi/verbs/voided")
            {
                Assert.Equal("StatementRef", s.GetProperty("object").GetProperty("objectType").GetString());
                Assert.True(voided.Add(s.GetProperty("object").GetProperty("id").GetString()!), "voided twice");
            }
        }

        // Pass 2: everything else.
        var actors = new HashSet<string>();
        var started = new Dictionary<int, HashSet<string>>();
        var completed = new Dictionary<int, HashSet<string>>();
        var lessonAnswers = new Dictionary<int, int>();
        var questionAnswers = new Dictionary<string, int>();
        var questionCorrect = new Dictionary<string, int>();
        var distribution = new Dictionary<string, Dictionary<string, int>>();
        var daily = new SortedDictionary<string, (int Statements, HashSet<string> Learners)>(StringComparer.Ordinal);
        var furthest = new Dictionary<string, int>();
        long answered = 0, completions = 0, voiding = 0;
        var timestamps = new List<DateTimeOffset>();
        for (var i = 0; i < set.Parsed.Count; i++)
        {
            var s = set.Parsed[i];
            var actor = s.GetProperty("actor").GetProperty("account").GetProperty("name").GetString()!;
            actors.Add(actor);
            var timestamp = s.GetProperty("timestamp").GetString()!;
            timestamps.Add(DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture));
            var verb = Verb(s);
            if (verb.EndsWith("/voided", StringComparison.Ordinal))
            {
                voiding++;
                continue;
            }

            if (verb.EndsWith("/answered", StringComparison.Ordinal))
            {
                answered++;
            }
            else
            {
                Assert.EndsWith("/completed", verb);
                completions++;
            }

            if (voided.Contains(s.GetProperty("id").GetString()!))
            {
                continue;
            }

            var date = timestamp[..10];
            daily.TryGetValue(date, out var d);
            d.Learners ??= [];
            d.Learners.Add(actor);
            daily[date] = (d.Statements + 1, d.Learners);

            if (verb.EndsWith("/completed", StringComparison.Ordinal))
            {
                var number = lessonNumber[s.GetProperty("object").GetProperty("id").GetString()!];
                Add(started, number, actor);
                Add(completed, number, actor);
                furthest[actor] = Math.Max(furthest.GetValueOrDefault(actor), number);
                continue;
            }

            var lessonUrl = s.GetProperty("context").GetProperty("contextActivities").GetProperty("parent").GetProperty("id").GetString()!;
            var lesson = lessonNumber[lessonUrl];
            Add(started, lesson, actor);
            furthest[actor] = Math.Max(furthest.GetValueOrDefault(actor), lesson);
            lessonAnswers[lesson] = lessonAnswers.GetValueOrDefault(lesson) + 1;
            var cardId = s.GetProperty("object").GetProperty("id").GetString()!;
            questionAnswers[cardId] = questionAnswers.GetValueOrDefault(cardId) + 1;
            var result = s.GetProperty("result");
            var slug = cardId.Split('/')[^2];
            if (slug is "poll" or "quiz" or "rate")
            {
                var dist = distribution.TryGetValue(cardId, out var x) ? x : distribution[cardId] = [];
                foreach (var id in result.GetProperty("response").GetString()!.Split("[,]"))
                {
                    dist[id] = dist.GetValueOrDefault(id) + 1;
                }
            }

            if (slug == "quiz" && result.GetProperty("success").GetBoolean())
            {
                questionCorrect[cardId] = questionCorrect.GetValueOrDefault(cardId) + 1;
            }
        }

        Assert.Equal(set.Options().Learners, truth.Learners);
        Assert.Equal(truth.Learners, actors.Count);
        Assert.Equal(set.Parsed.Count, truth.Statements);
        Assert.Equal(answered, truth.AnsweredStatements);
        Assert.Equal(completions, truth.CompletedStatements);
        Assert.Equal(voiding, truth.VoidingStatements);
        Assert.Equal(voided.Count, truth.Voided);
        Assert.Equal(voided.OrderBy(x => x, StringComparer.Ordinal), truth.VoidedStatementIds.Select(g => g.ToString()).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(furthest.Count, truth.ActiveLearners);
        Assert.Equal(timestamps.Min(), truth.FirstTimestamp);
        Assert.Equal(timestamps.Max(), truth.LastTimestamp);
        Assert.Equal(truth.Learners, truth.Cohorts.Sum(c => c.Learners));
        if (voidedFraction >= 0.01)
        {
            Assert.True(voided.Count > 20, $"only {voided.Count} voided");
        }

        foreach (var lesson in truth.Lessons)
        {
            Assert.Equal(started.GetValueOrDefault(lesson.Number)?.Count ?? 0, lesson.Started);
            Assert.Equal(completed.GetValueOrDefault(lesson.Number)?.Count ?? 0, lesson.Completed);
            Assert.Equal(furthest.Values.Count(v => v == lesson.Number), lesson.Dropoff);
            Assert.Equal(lessonAnswers.GetValueOrDefault(lesson.Number), lesson.Answers);
            Assert.Equal(course.Lessons[lesson.Number - 1].Url, lesson.Url);
        }

        var lastLesson = truth.Lessons.Count;
        Assert.Equal(actors.Count(a => Enumerable.Range(1, lastLesson).All(n => completed.TryGetValue(n, out var who) && who.Contains(a))), truth.CompletedCourse);

        Assert.Equal(cards.Count, truth.Questions.Count);
        foreach (var q in truth.Questions)
        {
            var card = cards[q.Id];
            Assert.Equal(CardTypes.Slug(card.Type), q.CardType);
            Assert.Equal(questionAnswers.GetValueOrDefault(q.Id), q.Answers);
            if (card.Type is CardType.Poll or CardType.Quiz or CardType.Rate)
            {
                Assert.NotNull(q.Distribution);
                Assert.Equal(card.Choices.Select(c => c.Id), q.Distribution!.Keys);
                var expected = distribution.GetValueOrDefault(q.Id) ?? [];
                foreach (var (choice, count) in q.Distribution)
                {
                    Assert.Equal(expected.GetValueOrDefault(choice), count);
                }

                Assert.Equal(expected.Values.Sum(), q.Distribution.Values.Sum());
            }
            else
            {
                Assert.Null(q.Distribution);
            }

            Assert.Equal(card.Type == CardType.Quiz ? questionCorrect.GetValueOrDefault(q.Id) : null, q.Correct);
        }

        Assert.Equal(daily.Keys, truth.Daily.Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        foreach (var day in truth.Daily)
        {
            var expected = daily[day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            Assert.Equal(expected.Statements, day.Statements);
            Assert.Equal(expected.Learners.Count, day.ActiveLearners);
        }

        // Free text: planted labels of the form answers that were not voided.
        var forms = set.Statements.Where(s => s.Kind == StatementKind.Answered && s.Json.Contains("/form/", StringComparison.Ordinal)).ToList();
        Assert.All(forms, f => Assert.NotNull(f.FreeText));
        var formIds = forms.Select(f => f.Id).ToHashSet();
        Assert.All(set.Statements.Where(s => !formIds.Contains(s.Id)), s => Assert.Null(s.FreeText));
        var live = forms.Where(f => !voided.Contains(f.Id.ToString())).ToList();
        Assert.Equal(live.Count, truth.FreeText.Answers);
        Assert.Equal(FreeTextBank.Themes, truth.FreeText.Themes.Keys);
        foreach (var theme in FreeTextBank.Themes)
        {
            Assert.Equal(live.Count(f => f.FreeText!.Theme == theme), truth.FreeText.Themes[theme]);
        }

        foreach (var tone in FreeTextBank.Tones)
        {
            Assert.Equal(live.Count(f => f.FreeText!.Tone == tone), truth.FreeText.Tones[tone]);
        }

        var concerning = live.Where(f => f.FreeText!.Concerning).Select(f => f.Id).ToList();
        Assert.Equal(concerning.Count, truth.FreeText.Concerning);
        Assert.Equal(concerning, truth.FreeText.ConcerningStatementIds);
    }

    [Theory]
    [InlineData(11, 0.05)]
    [InlineData(42, 0.01)]
    public void LearnerTruthsMatchAnIndependentRecomputationFromTheJson(int seed, double voidedFraction)
    {
        var set = Fixtures.Get(Fixtures.Small(seed, learners: 400, voided: voidedFraction));
        var learners = set.Generator.LearnerTruths().ToList();
        var lessonNumber = set.Generator.Course.Lessons.ToDictionary(l => l.Url, l => l.Number);
        var voided = set.Parsed.Where(s => Verb(s).EndsWith("/voided", StringComparison.Ordinal))
            .Select(s => s.GetProperty("object").GetProperty("id").GetString()!).ToHashSet();

        Assert.Equal(set.Options().Learners, learners.Count);
        Assert.Equal(Enumerable.Range(0, learners.Count), learners.Select(l => l.Index));
        var byAccount = set.Parsed.GroupBy(s => s.GetProperty("actor").GetProperty("account").GetProperty("name").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var learner in learners)
        {
            var own = byAccount[learner.AccountName];
            Assert.Equal(own.Min(s => DateTimeOffset.Parse(s.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture)), learner.FirstTimestamp);
            var live = own.Where(s => !Verb(s).EndsWith("/voided", StringComparison.Ordinal) && !voided.Contains(s.GetProperty("id").GetString()!)).ToList();
            Assert.Equal(live.Count, learner.Statements);
            Assert.Equal(live.Count == 0 ? null : live.Max(s => DateTimeOffset.Parse(s.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture)), learner.LastTimestamp);
            var answers = live.Where(s => Verb(s).EndsWith("/answered", StringComparison.Ordinal)).ToList();
            Assert.Equal(answers.Count, learner.Answers);
            Assert.Equal(answers.Count(s => s.GetProperty("object").GetProperty("id").GetString()!.Contains("/form/", StringComparison.Ordinal)), learner.FreeTextAnswers);
            int LessonOf(JsonElement s) => Verb(s).EndsWith("/completed", StringComparison.Ordinal)
                ? lessonNumber[s.GetProperty("object").GetProperty("id").GetString()!]
                : lessonNumber[s.GetProperty("context").GetProperty("contextActivities").GetProperty("parent").GetProperty("id").GetString()!];
            var expected = live.GroupBy(LessonOf).OrderBy(g => g.Key).Select(g => new LearnerLessonTruth(g.Key, g.Count(),
                g.Count(s => Verb(s).EndsWith("/answered", StringComparison.Ordinal)), g.Any(s => Verb(s).EndsWith("/completed", StringComparison.Ordinal))));
            Assert.Equal(expected, learner.Lessons);
        }

        // They add up to the course's truth.
        var truth = set.Truth;
        Assert.Equal(truth.Statements - truth.VoidingStatements - truth.Voided, learners.Sum(l => (long)l.Statements));
        Assert.Equal(truth.ActiveLearners, learners.Count(l => l.Statements > 0));
        Assert.Equal(truth.FreeText.Answers, learners.Sum(l => l.FreeTextAnswers));
        foreach (var lesson in truth.Lessons)
        {
            Assert.Equal(lesson.Started, learners.Count(l => l.Lessons.Any(x => x.LessonNumber == lesson.Number)));
            Assert.Equal(lesson.Completed, learners.Count(l => l.Lessons.Any(x => x.LessonNumber == lesson.Number && x.Completed)));
            Assert.Equal(lesson.Answers, learners.Sum(l => l.Lessons.Where(x => x.LessonNumber == lesson.Number).Sum(x => x.Answers)));
        }
        foreach (var cohort in truth.Cohorts)
        {
            Assert.Equal(cohort.Learners, learners.Count(l => l.Cohort == cohort.Index));
        }
    }

    [Fact]
    public void DryRunTruthEqualsTruthOfTheEnumeratedStatements()
    {
        var options = Fixtures.Small(9, learners: 250, voided: 0.02);
        var dry = new CourseGenerator(options).Truth; // never enumerated: computed by the dry run
        var enumerated = new CourseGenerator(options);
        _ = enumerated.Statements().Count();
        Assert.Equal(dry.ToJson(), enumerated.Truth.ToJson());
    }

    [Fact]
    public void TruthJsonRoundTrips()
    {
        var truth = Fixtures.Get(Fixtures.Small(3, learners: 400, voided: 0.002)).Truth;
        var json = truth.ToJson();
        var back = GroundTruth.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(truth.Lessons[0].Started, back.Lesson(1).Started);
        Assert.Equal(truth.Options, back.Options);
        using var doc = JsonDocument.Parse(json);
        Assert.True(doc.RootElement.TryGetProperty("lessons", out _));
        Assert.True(doc.RootElement.GetProperty("freeText").GetProperty("themes").TryGetProperty("screen-time", out _));
    }

    private static string Verb(JsonElement s) => s.GetProperty("verb").GetProperty("id").GetString()!;

    private static void Add(Dictionary<int, HashSet<string>> map, int key, string value)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = [];
        }

        set.Add(value);
    }
}

internal static class DataSetExtensions
{
    public static GeneratorOptions Options(this DataSet set) => set.Generator.Options;
}
