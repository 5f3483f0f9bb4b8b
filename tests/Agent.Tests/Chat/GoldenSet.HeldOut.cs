using System.Globalization;
using System.Text.RegularExpressions;
using SevenTaps.Generator;
using SevenTaps.Text;

namespace Agent.Tests.Chat;

/// <summary>
/// The held-out set (<c>HeldOutQuestions.txt</c>): questions written by someone who had seen neither the parser nor the
/// golden set, one a line as <c>category | question</c> (a follow-up's two turns joined by <c> &gt;&gt; </c>), with
/// placeholders filled here from the course: <c>{n}</c> and <c>{m}</c> lessons 2 and 5, <c>{k}</c> 3, <c>{cohort}</c>
/// the second cohort's letter, <c>{month}</c> the month with the most active days, <c>{word}</c> a theme the generator
/// plants. Each category is checked against the generator's truth as the golden set checks it; the categories the
/// golden set has no truth for get theirs from the replayed statements (time to complete, a cohort's weeks, the
/// busiest day), the learners' activity (at risk), the planted answers (sentiment: the normalizer's VADER score of
/// each; search: PostgreSQL's English search of each text, <paramref name="wordMatches"/>).
/// </summary>
public static partial class GoldenSet
{
    /// <summary>The topic held-out questions ask about (<c>{word}</c>).</summary>
    public const string HeldOutWord = "sleep";

    private const string HeldOutCohort = "B";

    private const int HeldOutTop = 3;

    /// <summary>A non-voided answered or completed statement, replayed: whose, when, in which lesson (its number).</summary>
    private sealed record Activity(int Learner, DateTimeOffset Timestamp, int Lesson, bool Completion);

    public static IReadOnlyList<GoldenQuestion> HeldOut(GroundTruth truth, IEnumerable<string> lines, IReadOnlyList<bool> wordMatches)
    {
        var lessons = truth.Lessons.Where(lesson => lesson.Started > 0).OrderBy(lesson => lesson.Number).ToList();
        var count = lessons.Count;
        var place = lessons.Select((lesson, index) => (lesson.Number, Place: index + 1)).ToDictionary(pair => pair.Number, pair => pair.Place);
        var (n, m) = (2, Math.Min(5, count));
        var month = truth.Daily.GroupBy(day => (day.Date.Year, day.Date.Month)).MaxBy(group => group.Count())!;
        var monthName = new DateOnly(month.Key.Year, month.Key.Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

        var generator = new CourseGenerator(truth.Options);
        var learners = generator.LearnerTruths().ToList();
        var weekOf = learners.ToDictionary(l => l.Index, l => Monday(l.FirstTimestamp!.Value));
        var cohortWeek = weekOf.Values.Distinct().Order().ElementAt(HeldOutCohort[0] - 'A');
        var activities = Replay(truth);
        var planted = Plant(truth);
        if (wordMatches.Count != planted.Count)
        {
            throw new ArgumentException("one search verdict per planted answer", nameof(wordMatches));
        }

        // The per-lesson figures of the truth, by course place, under the columns Seven names them.
        var minutes = MedianMinutesToComplete(activities);
        var figures = lessons.ToDictionary(lesson => place[lesson.Number], lesson => new Dictionary<string, double?>
        {
            ["started"] = lesson.Started,
            ["reached"] = lesson.Started,
            ["completed"] = lesson.Completed,
            ["completion_rate"] = Math.Round((double)lesson.Completed / lesson.Started, 4),
            ["answers"] = lesson.Answers,
            ["stopped_here"] = lesson.Dropoff,
            ["median_minutes_to_complete"] = minutes.GetValueOrDefault(lesson.Number),
        });
        var cohortWeeks = activities.Where(a => weekOf[a.Learner] == cohortWeek)
            .GroupBy(a => Monday(a.Timestamp)).OrderBy(week => week.Key)
            .Select(week => (week.Key, (double)week.Select(a => a.Learner).Distinct().Count()));
        var searched = planted.Where((_, index) => wordMatches[index]).ToList();

        var checks = new Dictionary<string, Func<string, Func<JsonObject, string?>>>
        {
            ["learners"] = _ => Single("learners", truth.ActiveLearners),
            ["statements"] = _ => Single("statements", truth.Statements - truth.VoidingStatements - truth.Voided),
            ["lessons"] = _ => Single("lessons", count),
            ["answers"] = _ => Single("answers", truth.AnsweredStatements - truth.Voided),
            ["free_text"] = _ => Single("free_text_answers", truth.FreeText.Answers),
            ["started_lesson"] = _ => LessonFigures(figures, [n], "started"),
            ["completed_lesson"] = _ => LessonFigures(figures, [n], "completed"),
            ["completion_rate"] = _ => LessonFigures(figures, [n], "completion_rate"),
            ["lowest_completion"] = _ => CompletionRanked(figures, ascending: true),
            ["highest_completion"] = _ => CompletionRanked(figures, ascending: false),
            ["compare"] = _ => LessonFigures(figures, [n, m], "completion_rate", "completed"),
            ["top_lessons"] = _ => Ranked("started", lessons.Select(l => (double)l.Started).OrderByDescending(v => v).Take(HeldOutTop)),
            ["funnel"] = _ => FunnelOrWorst(lessons),
            ["time_to_complete"] = _ => LessonFigures(figures, [n], "median_minutes_to_complete"),
            ["busiest_day"] = _ => BusiestDay(truth.Daily),
            ["daily_active_month"] = _ => Series("day", "active_learners", month.OrderBy(d => d.Date).Select(d => (d.Date, (double)d.ActiveLearners))),
            ["cohort_weekly"] = _ => Series("week", "active_learners", cohortWeeks),
            ["card_answers"] = question => LessonCards(truth, lessons[n - 1].Number, n, question),
            ["search"] = question => Search(question.Contains("{n}") ? searched.Where(p => p.Lesson == lessons[n - 1].Number).ToList() : searched, question.Contains("{n}") ? n : null),
            ["at_risk"] = _ => AtRisk(learners, count),
            ["sentiment"] = _ => Sentiment(planted, place),
            ["themes"] = _ => Themes(planted, _ => true, 10),
            ["follow_up"] = _ => FollowUp(figures, truth, lessons[m - 1].Number, m),
        };

        var questions = new List<GoldenQuestion>();
        foreach (var line in lines.Where(line => line.Contains('|')))
        {
            var category = line[..line.IndexOf('|')].Trim();
            var question = line[(line.IndexOf('|') + 1)..].Trim();
            var filled = question.Replace("{n}", n.ToString(CultureInfo.InvariantCulture)).Replace("{m}", m.ToString(CultureInfo.InvariantCulture))
                .Replace("{k}", HeldOutTop.ToString(CultureInfo.InvariantCulture)).Replace("{cohort}", HeldOutCohort).Replace("{month}", monthName)
                .Replace("{word}", HeldOutWord);
            var turns = filled.Split(" >> ", StringSplitOptions.TrimEntries);
            questions.Add(new(category, turns, category == "decline" ? null : checks[category](question)));
        }
        return questions;
    }

    /// <summary>Every non-voided answered and completed statement with its lesson, replayed from the generator.</summary>
    private static List<Activity> Replay(GroundTruth truth)
    {
        var voided = truth.VoidedStatementIds.ToHashSet();
        var cardLesson = truth.Questions.ToDictionary(q => q.Id, q => q.LessonNumber);
        var lessonOf = truth.Lessons.ToDictionary(l => l.Url, l => l.Number);
        var activities = new CourseGenerator(truth.Options).Statements()
            .Where(statement => statement.Kind != StatementKind.Voiding && !voided.Contains(statement.Id))
            .Select(statement =>
            {
                var id = JsonNode.Parse(statement.Json)!["object"]!["id"]!.GetValue<string>();
                var completion = statement.Kind == StatementKind.Completed;
                return new Activity(statement.LearnerIndex, statement.Timestamp, completion ? lessonOf[id] : cardLesson[id], completion);
            })
            .ToList();
        if (activities.Count != truth.Statements - truth.VoidingStatements - truth.Voided)
        {
            throw new InvalidOperationException("the replayed statements disagree with the ground truth");
        }
        return activities;
    }

    /// <summary>
    /// Per lesson (number): the median, over the learners who completed it, of the minutes from their first statement in
    /// the lesson to their first completion of it (the middle two averaged), to one decimal.
    /// </summary>
    private static Dictionary<int, double?> MedianMinutesToComplete(List<Activity> activities) =>
        activities.GroupBy(a => (a.Learner, a.Lesson))
            .Select(pair => (pair.Key.Lesson, First: pair.Min(a => a.Timestamp), Completed: pair.Where(a => a.Completion).Select(a => (DateTimeOffset?)a.Timestamp).Min()))
            .Where(pair => pair.Completed is not null)
            .GroupBy(pair => pair.Lesson)
            .ToDictionary(lesson => lesson.Key, lesson =>
            {
                var seconds = lesson.Select(pair => (pair.Completed!.Value - pair.First).TotalSeconds).Order().ToList();
                var median = seconds.Count % 2 == 1 ? seconds[seconds.Count / 2] : (seconds[seconds.Count / 2 - 1] + seconds[seconds.Count / 2]) / 2;
                return (double?)Math.Round(median / 60, 1, MidpointRounding.AwayFromZero);
            });

    /// <summary>
    /// The lessons (course places) in order, each per-lesson figure the answer shows equal to the truth, and at least one
    /// of <paramref name="required"/> shown.
    /// </summary>
    private static Func<JsonObject, string?> LessonFigures(Dictionary<int, Dictionary<string, double?>> figures, int[] places, params string[] required) => answer =>
    {
        var columns = Columns(answer);
        if (!required.Any(columns.Contains))
        {
            return $"none of {string.Join(", ", required)} in the columns {string.Join(", ", columns)}";
        }
        var lessons = answer.Numbers("lesson");
        if (!lessons.SequenceEqual(places.Select(p => (double?)p)))
        {
            return $"lessons {Show(lessons)}; expected {string.Join(",", places)}";
        }
        foreach (var column in figures[places[0]].Keys.Where(columns.Contains))
        {
            var values = answer.Numbers(column);
            var expected = places.Select(p => figures[p][column]).ToList();
            var tolerance = column == "median_minutes_to_complete" ? 0.051 : 1e-4;
            if (!values.Zip(expected).All(pair => pair.First is { } got && pair.Second is { } want && Math.Abs(got - want) < tolerance))
            {
                return $"{column} {Show(values)}; expected {Show(expected)}";
            }
        }
        return null;
    };

    /// <summary>The lesson with the lowest (highest) completion rate, or, when the answer ranks completions, the fewest (most).</summary>
    private static Func<JsonObject, string?> CompletionRanked(Dictionary<int, Dictionary<string, double?>> figures, bool ascending) => answer =>
    {
        var column = Columns(answer).Contains("completion_rate") ? "completion_rate" : "completed";
        var values = figures.Values.Select(f => f[column]!.Value);
        return Ranked(column, (ascending ? values.Order() : values.OrderDescending()).Take(1))(answer);
    };

    /// <summary>The whole funnel, or, when the answer ranks lessons, those where most learners stopped.</summary>
    private static Func<JsonObject, string?> FunnelOrWorst(IReadOnlyList<LessonTruth> lessons) => answer =>
    {
        var rows = answer["rows"]!.AsArray().Count;
        return rows == lessons.Count ? Funnel(lessons)(answer) : Ranked("stopped_here", lessons.Select(l => (double)l.Dropoff).OrderDescending().Take(rows))(answer);
    };

    /// <summary>The first day shown is one with the most active learners (or statements), with that day's figures.</summary>
    private static Func<JsonObject, string?> BusiestDay(IReadOnlyList<DayTruth> daily) => answer =>
    {
        var days = answer.Texts("day");
        var active = answer.Numbers("active_learners");
        var statements = answer.Numbers("statements");
        if (days.Count == 0 || daily.FirstOrDefault(d => d.Date.ToString("yyyy-MM-dd") == days[0]) is not { } day)
        {
            return $"first day {days.FirstOrDefault()}: no such day of activity";
        }
        var busiest = day.ActiveLearners == daily.Max(d => d.ActiveLearners) || day.Statements == daily.Max(d => d.Statements);
        return busiest && Near(active[0], day.ActiveLearners) && Near(statements[0], day.Statements)
            ? null
            : $"{days[0]}: {active[0]} active, {statements[0]} statements (truth {day.ActiveLearners}, {day.Statements}); the busiest has {daily.Max(d => d.ActiveLearners)} active learners";
    };

    /// <summary>
    /// The choice cards of one lesson: each card's distribution (the cards of the types the question names: polls,
    /// quizzes or both; all choice cards otherwise), or the answers (and quiz correct counts) of each card of the lesson.
    /// </summary>
    private static Func<JsonObject, string?> LessonCards(GroundTruth truth, int lessonNumber, int place, string question) => answer =>
    {
        var cards = truth.Questions.Where(q => q.LessonNumber == lessonNumber).ToList();
        var lessons = answer.Numbers("lesson");
        if (lessons.Any(lesson => lesson != place))
        {
            return $"lessons {Show(lessons)}; expected {place}";
        }
        if (Columns(answer).Contains("choice_id"))
        {
            // The card types the question names, as words: "pols" (a typo) names polls as "polls" does.
            var types = new[] { ("poll", @"\bpoll?s?\b|poll"), ("quiz", "quiz") }
                .Where(type => Regex.IsMatch(question, type.Item2, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).Select(type => type.Item1).ToList();
            // Cards by their id: Seven numbers them in the order learners first answered them, which may differ from display order.
            var expected = cards.Where(q => q.Distribution is not null && (types.Count == 0 || types.Contains(q.CardType)))
                .SelectMany(q => q.Distribution!.Select(choice => $"{q.Id}:{choice.Key}={choice.Value}")).ToList();
            var got = answer.Texts("question_id").Zip(answer.Texts("choice_id"), answer.Numbers("answers")).Select(row => $"{row.First}:{row.Second}={row.Third}").ToList();
            return got.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal))
                && got.GroupBy(row => row[..row.LastIndexOf(':')]).All(card => card.Select(row => row).SequenceEqual(expected.Where(e => e.StartsWith(card.Key + ":", StringComparison.Ordinal))))
                ? null
                : $"{string.Join(" ", got)}; expected {string.Join(" ", expected)}";
        }
        var answers = Multiset("answers", cards.Where(q => q.Answers > 0).Select(q => (double)q.Answers))(answer);
        return answers ?? (Columns(answer).Contains("correct") ? Multiset("correct", cards.Where(q => q.CardType == "quiz" && q.Answers > 0).Select(q => (double)q.Correct!.Value))(answer) : null);
    };

    /// <summary>The number of planted answers PostgreSQL's English search finds for the word, in the lesson when one is named.</summary>
    private static Func<JsonObject, string?> Search(IReadOnlyList<Planted> matching, int? place) => answer =>
    {
        var total = answer.Numbers("matching_answers").FirstOrDefault();
        var lessons = answer.Numbers("lesson");
        return Near(total, matching.Count) && (place is null || lessons.All(lesson => lesson == place))
            ? null
            : $"{total} matching answers in lessons {Show(lessons.Distinct())}; expected {matching.Count}{(place is null ? "" : $" in lesson {place}")}";
    };

    /// <summary>
    /// Learners with lessons left and no statement in the week before the data's last one: how many, and, most
    /// inactive first, their days inactive and lessons completed.
    /// </summary>
    private static Func<JsonObject, string?> AtRisk(IReadOnlyList<LearnerTruth> learners, int lessons) => answer =>
    {
        var asOf = learners.Max(l => l.LastTimestamp)!.Value;
        var expected = learners
            .Where(l => l.LastTimestamp is { } last && last < asOf.AddDays(-7) && l.Lessons.Count(x => x.Completed) < lessons)
            .Select(l => (Days: Math.Floor((asOf - l.LastTimestamp!.Value).TotalSeconds / 86400), Completed: (double)l.Lessons.Count(x => x.Completed)))
            .OrderByDescending(l => l.Days).ThenBy(l => l.Completed)
            .Select(l => $"{l.Days}d/{l.Completed}")
            .ToList();
        var got = answer.Numbers("days_inactive").Zip(answer.Numbers("lessons_completed"), (days, completed) => $"{days}d/{completed}").ToList();
        return got.Count > 0 && got.SequenceEqual(expected.Take(got.Count)) && (got.Count == expected.Count || got.Count == 50)
            ? null
            : $"{got.Count} at risk ({string.Join(" ", got.Take(8))}...); expected {expected.Count} ({string.Join(" ", expected.Take(8))}...)";
    };

    /// <summary>
    /// Per lesson: the planted answers and their mean VADER score (the normalizer's sentiment); every lesson with
    /// free text in order, or, ranked, the most negative first.
    /// </summary>
    private static Func<JsonObject, string?> Sentiment(IReadOnlyList<Planted> planted, IReadOnlyDictionary<int, int> place) => answer =>
    {
        var truth = planted.GroupBy(p => place[p.Lesson]).OrderBy(lesson => lesson.Key).ToDictionary(lesson => lesson.Key, lesson =>
        {
            var scores = lesson.Select(p => SentimentAnalyzer.Compound(p.Text)).ToList();
            return (Answers: (double)scores.Count, Mean: scores.Average(), Negative: (double)scores.Count(s => s <= SentimentAnalyzer.NegativeThreshold));
        });
        var lessons = answer.Numbers("lesson");
        var rows = lessons.Zip(answer.Numbers("answers"), answer.Numbers("mean_sentiment")).Zip(answer.Numbers("negative"), (row, negative) => (Lesson: row.First, row.Second, row.Third, Negative: negative)).ToList();
        foreach (var (lesson, answers, mean, negative) in rows)
        {
            if (lesson is not { } at || !truth.TryGetValue((int)at, out var expected)
                || !Near(answers, expected.Answers) || !(Math.Abs((mean ?? double.NaN) - expected.Mean) < 0.0011) || !Near(negative, expected.Negative))
            {
                return $"lesson {lesson}: {answers} answers, mean {mean}, {negative} negative; expected {(lesson is { } l && truth.TryGetValue((int)l, out var e) ? $"{e.Answers}, {e.Mean:0.000}, {e.Negative}" : "no such lesson")}";
            }
        }
        if (rows.Count == truth.Count)
        {
            return lessons.SequenceEqual(truth.Keys.Select(k => (double?)k)) ? null : $"lessons {Show(lessons)}; expected {string.Join(",", truth.Keys)}";
        }
        var first = truth[(int)rows[0].Lesson!.Value];
        return rows.Count > 0 && (first.Mean <= truth.Values.Min(t => t.Mean) + 1e-9 || first.Negative >= truth.Values.Max(t => t.Negative))
            ? null
            : $"{rows.Count} of {truth.Count} lessons, the first (lesson {rows[0].Lesson}) is not the most negative";
    };

    /// <summary>The follow-up's lesson with the truth of whatever the conversation asks about it (a lesson's figures or its cards).</summary>
    private static Func<JsonObject, string?> FollowUp(Dictionary<int, Dictionary<string, double?>> figures, GroundTruth truth, int lessonNumber, int place) => answer =>
        Columns(answer).Contains("question_id") || Columns(answer).Contains("choice_id")
            ? LessonCards(truth, lessonNumber, place, "")(answer)
            : LessonFigures(figures, [place], [.. figures[place].Keys])(answer);

    private static List<string> Columns(JsonObject answer) => answer["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
}
