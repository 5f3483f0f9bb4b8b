using System.Globalization;
using SevenTaps.Generator;
using SevenTaps.Text;

namespace Agent.Tests.Chat;

/// <summary>
/// Golden questions about learners' answers, cohorts and single learners, with truth from the generator: the free-text
/// answers it planted (not voided; their texts, cards, times and concerning labels), each card's answer distribution,
/// and each learner's activity (<see cref="CourseGenerator.LearnerTruths"/>), grouped into cohorts by the week of
/// their first statement as analytics and Seven define a cohort.
/// </summary>
public static partial class GoldenSet
{
    /// <summary>Free-text answers read for themes at most (the analytics API's default sample, as Seven's).</summary>
    private const int ThemeSample = 2_000;

    /// <summary>
    /// A planted free-text answer that was not voided; <see cref="Flagged"/> when labelled concerning (the generator writes
    /// a phrase of the default watch list into it) or containing, as whole words, a term the course's list adds.
    /// </summary>
    private sealed record Planted(Guid Id, DateTimeOffset Timestamp, string Text, string Card, int Lesson, int Learner, bool Concerning, bool Flagged);

    private static void AddAnswersCohortsAndLearners(GroundTruth truth, IReadOnlyList<string> watchList, IReadOnlyList<LessonTruth> lessons, List<GoldenQuestion> golden)
    {
        void Add(string category, Func<JsonObject, string?> check, params string[] turns) => golden.Add(new(category, turns, check));
        var generator = new CourseGenerator(truth.Options);
        var place = lessons.Select((lesson, index) => (lesson.Number, Place: index + 1)).ToDictionary(pair => pair.Number, pair => pair.Place);
        var learners = generator.LearnerTruths().ToList();
        var weekOf = learners.ToDictionary(l => l.Index, l => Monday(l.FirstTimestamp!.Value));
        var weeks = weekOf.Values.Distinct().Order().ToList();
        var planted = Plant(truth, watchList);

        // Themes: the dashboard's ranking of the planted answers in scope; each count is the planted answers containing the phrase.
        var (a, b) = (2, Math.Min(5, lessons.Count));
        var themeLesson = lessons.Select(l => l.Number).MaxBy(number => planted.Count(p => p.Lesson == number));
        foreach (var phrasing in new[] { "What themes come up in the reflections?", "main themes in reflections", "What are the key topics in free-text answers?", "reflection themes" })
        {
            Add("themes", Themes(planted, _ => true, 10), phrasing);
        }
        Add("themes", Themes(planted, _ => true, 5), "top 5 themes");
        Add("themes", Themes(planted, p => p.Lesson == themeLesson, 10), $"What themes come up in answers to lesson {place[themeLesson]}?");
        Add("themes", Themes(planted, p => p.Lesson == lessons[b - 1].Number, 10), $"what topcis come up in lesson {b}");
        Add("themes", Themes(planted, p => weekOf[p.Learner] == weeks[0], 10), "main themes for cohort A");
        Add("themes", Themes(planted, p => p.Lesson == lessons[b - 1].Number, 10), $"What themes come up in answers to lesson {a}?", $"and for lesson {b}?");

        // Trending themes: the phrases that rose from the previous period of the same length, compared on the planted answers of each.
        var days = planted.Select(p => DateOnly.FromDateTime(p.Timestamp.UtcDateTime)).Distinct().Order().ToList();
        var month = days.GroupBy(day => (day.Year, day.Month)).MaxBy(group => group.Count())!.Key;
        var monthStart = new DateOnly(month.Year, month.Month, 1);
        var monthName = monthStart.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var middle = days[days.Count / 2];
        Add("trending", Trending(planted, _ => true, monthStart, monthStart.AddMonths(1), false), $"What's trending in {monthName}?");
        Add("trending", Trending(planted, _ => true, middle, middle.AddDays(14), false), $"which topics are rising between {middle:yyyy-MM-dd} and {middle.AddDays(13):yyyy-MM-dd}");
        Add("trending", Trending(planted, _ => true, middle, middle.AddDays(7), true), $"new themes between {middle:yyyy-MM-dd} and {middle.AddDays(6):yyyy-MM-dd}");
        Add("trending", Trending(planted, p => p.Lesson == themeLesson, monthStart, monthStart.AddMonths(1), false), $"trending themes in lesson {place[themeLesson]} in {monthName}");

        // Flagged answers: exactly the planted concerning answers in scope (the default watch list's phrases).
        foreach (var phrasing in new[] { "Which answers were flagged?", "How many answers were flagged?", "show me concerning answers", "any red flags in the reflections?" })
        {
            Add("flagged", Flagged(planted, _ => true), phrasing);
        }
        var flaggedLesson = lessons.Select(l => l.Number).MaxBy(number => (planted.Count(p => p.Lesson == number && p.Flagged), -number));
        Add("flagged", Flagged(planted, p => p.Lesson == flaggedLesson), $"flagged answers in lesson {place[flaggedLesson]}");
        Add("flagged", Flagged(planted, p => p.Lesson == lessons[0].Number), "were any answers flagged in the first lesson?");

        // One card's answers: the distribution of a poll, quiz or rating card (every choice, zeros included), the themes of a free-text one.
        var cardsLesson = lessons.Select((lesson, index) => (lesson, place: index + 1))
            .First(pair => truth.Questions.Where(q => q.LessonNumber == pair.lesson.Number).All(q => q.Answers > 0));
        var cards = truth.Questions.Where(q => q.LessonNumber == cardsLesson.lesson.Number).OrderBy(q => q.Position).ToList();
        var choiceCards = cards.Where(q => q.Distribution is not null).ToList();
        var at = cardsLesson.place;
        Add("card", Distribution(choiceCards[0]), $"How did learners answer card {choiceCards[0].Position} of lesson {at}?");
        Add("card", Distribution(choiceCards[1]), $"answer distribution for question {choiceCards[1].Position} in lesson {at}");
        Add("card", Distribution(choiceCards[^1]), $"what did learners pick on card {choiceCards[^1].Position} of lesson {at}");
        if (cards.FirstOrDefault(q => q.CardType == "quiz" && q.Distribution!.Values.Sum() > q.Answers) is { } multiSelect)
        {
            Add("card", Distribution(multiSelect), $"how did learners answer card {multiSelect.Position} in lesson {at}?");
        }
        if (cards.FirstOrDefault(q => q.CardType == "rate") is { } rating)
        {
            Add("card", Distribution(rating), $"How did learners rate card {rating.Position} of lesson {at}?");
        }
        if (cards.Where(q => q.CardType == "poll").ToList() is [var firstPoll, ..])
        {
            Add("card", Distribution(firstPoll), $"how did learners vote on the first poll in lesson {at}");
        }
        Add("card", Distribution(choiceCards[1]), $"How did learners answer card {choiceCards[0].Position} of lesson {at}?", $"and card {choiceCards[1].Position}?");
        if (cards.FirstOrDefault(q => q.CardType == "form") is { } form)
        {
            Add("card", Themes(planted, p => p.Card == form.Id, 10), $"How did learners answer card {form.Position} of lesson {at}?");
        }

        // Cohorts: learners grouped by the week (Monday, UTC) of their first statement, lettered in week order.
        var cohorts = weeks.Select(week => Cohort(week, learners.Where(l => weekOf[l.Index] == week).ToList())).ToList();
        foreach (var phrasing in new[] { "compare engagement between cohorts", "Compare the cohorts", "how do cohorts compare", "compare engagment between cohorts", "engagement by cohort" })
        {
            Add("cohorts", Cohorts(cohorts), phrasing);
        }
        Add("cohorts", CohortRank("statements_per_learner", cohorts, true), "Which cohort is most active?");
        Add("cohorts", CohortRank("statements_per_learner", cohorts, false), "which cohort is the least engaged");
        Add("cohorts", CohortRank("learners", cohorts, true), "which cohort has the most learners");
        Add("cohorts", Cohorts(cohorts), "completion rate by cohort");
        Add("cohorts", Cohorts(cohorts), "How many answers per cohort?");
        Add("cohorts", Cohorts(cohorts.Take(2).ToList()), "compare cohorts A and B");
        Add("cohorts", Cohorts([cohorts[0], cohorts[^1]]), $"cohort A vs cohort {(char)('A' + cohorts.Count - 1)}");

        // One learner: their lessons (in course places), statements, answers and completions.
        var active = learners.Where(l => l.Statements > 0).OrderByDescending(l => l.Lessons.Count).ThenBy(l => l.Index).ToList();
        var (first, second, third) = (active[0], active[active.Count / 3], active[2 * active.Count / 3]);
        Add("learner", Learner(first, place, null), $"summarise learner {first.AccountName}");
        Add("learner", Learner(second, place, null), $"What has {second.AccountName} done?");
        Add("learner", Learner(third, place, null), $"Give me a summary of learner {third.AccountName}");
        var prefix = Enumerable.Range(10, 23).Select(n => first.AccountName[..n])
            .First(start => start.Any(char.IsDigit) && learners.Count(l => l.AccountName.StartsWith(start, StringComparison.Ordinal)) == 1);
        Add("learner", Learner(first, place, null), $"tell me about learner {prefix}");
        Add("learner", Learner(second, place, lessons[0].Number), $"how many answers did learner {second.AccountName} give in lesson 1?");
        var named = learners.Where(l => l.Statements > 0 && l.DisplayName is not null)
            .Where(l => learners.Count(other => Plain(other.DisplayName) == Plain(l.DisplayName)) == 1)
            .OrderByDescending(l => l.Lessons.Count).FirstOrDefault();
        if (named is not null)
        {
            Add("learner", Learner(named, place, null), $"Summarise {named.DisplayName}");
        }
    }

    /// <summary>The free-text answers the generator planted and did not void, in emission order, flagged by <paramref name="watchList"/>.</summary>
    private static List<Planted> Plant(GroundTruth truth, IReadOnlyList<string>? watchList = null)
    {
        var added = (watchList ?? WatchList.Default).Except(WatchList.Default)
            .Select(term => new System.Text.RegularExpressions.Regex(@"(?<![\p{L}\p{N}_])" + System.Text.RegularExpressions.Regex.Escape(term).Replace(@"\ ", @"\s+") + @"(?![\p{L}\p{N}_])",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant))
            .ToList();
        var voided = truth.VoidedStatementIds.ToHashSet();
        var cardLesson = truth.Questions.ToDictionary(q => q.Id, q => q.LessonNumber);
        var planted = new CourseGenerator(truth.Options).Statements()
            .Where(statement => statement.FreeText is not null && !voided.Contains(statement.Id))
            .Select(statement =>
            {
                var json = JsonNode.Parse(statement.Json)!;
                var card = json["object"]!["id"]!.GetValue<string>();
                var text = json["result"]!["response"]!.GetValue<string>();
                var concerning = statement.FreeText!.Concerning;
                return new Planted(statement.Id, statement.Timestamp, text, card, cardLesson[card], statement.LearnerIndex, concerning,
                    concerning || added.Any(term => term.IsMatch(text)));
            })
            .ToList();
        if (planted.Count != truth.FreeText.Answers || planted.Count(p => p.Concerning) != truth.FreeText.Concerning)
        {
            throw new InvalidOperationException("the replayed free-text answers disagree with the ground truth");
        }
        return planted;
    }

    /// <summary>The texts of the planted free-text answers, in the order <see cref="Plant"/> gives them.</summary>
    public static IReadOnlyList<string> FreeTextAnswers(GroundTruth truth) => Plant(truth).Select(p => p.Text).ToList();

    private static DateOnly Monday(DateTimeOffset time)
    {
        var day = DateOnly.FromDateTime(time.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static string? Plain(string? name) =>
        name is null ? null : System.Text.RegularExpressions.Regex.Replace(name.ToLowerInvariant(), @"[^\p{L}\p{N}]+", " ").Trim();

    /// <summary>The themes the dashboard's ranking gives on the newest planted answers in scope (its sample), with each phrase's count.</summary>
    private static Func<JsonObject, string?> Themes(IReadOnlyList<Planted> planted, Func<Planted, bool> scope, int top) => answer =>
    {
        var sample = planted.Where(scope).OrderByDescending(p => p.Timestamp).ThenBy(p => p.Id.ToString(), StringComparer.Ordinal).Take(ThemeSample).ToList();
        var expected = KeyphraseRanker.Rank(sample.Select(p => p.Text).ToList(), sample.Select(p => p.Card).ToList(), 200)
            .OrderByDescending(p => p.Score).ThenBy(p => p.Phrase, StringComparer.Ordinal).Take(top).Select(p => p.Phrase).ToList();
        if (expected.Count == 0)
        {
            return "the scope has no themes: the golden question checks nothing";
        }
        var phrases = answer.Texts("phrase");
        var counts = answer.Numbers("answers");
        var analysed = answer.Numbers("answers_analysed");
        var truth = phrases.Select(phrase => (double?)sample.Count(p => NGrams.Of(p.Text).Contains(phrase!))).ToList();
        if (!phrases.SequenceEqual(expected))
        {
            return $"phrases {string.Join(" | ", phrases)}; expected {string.Join(" | ", expected)}";
        }
        if (!counts.SequenceEqual(truth))
        {
            return $"answers {Show(counts)}; the planted answers containing each phrase: {Show(truth)}";
        }
        return analysed.All(n => n == sample.Count) ? null : $"answers analysed {Show(analysed)}; expected {sample.Count}";
    };

    /// <summary>
    /// The phrases that rose (<paramref name="newOnly"/>: that the previous period had not) from the previous period of
    /// the same length to <paramref name="from"/>..<paramref name="to"/>, compared on each period's newest planted answers
    /// in scope as the dashboard compares them, most risen first; each count is the sample's answers containing the phrase.
    /// </summary>
    private static Func<JsonObject, string?> Trending(IReadOnlyList<Planted> planted, Func<Planted, bool> scope, DateOnly from, DateOnly to, bool newOnly) => answer =>
    {
        var (start, end) = (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        List<Planted> Sample(DateTimeOffset a, DateTimeOffset b) => planted.Where(p => scope(p) && p.Timestamp >= a && p.Timestamp < b)
            .OrderByDescending(p => p.Timestamp).ThenBy(p => p.Id.ToString(), StringComparer.Ordinal).Take(ThemeSample).ToList();
        var current = Sample(start, end);
        var previous = Sample(start - (end - start), start);
        var expected = ThemeTrends.Compare(current.Select(p => p.Text).ToList(), current.Select(p => p.Card).ToList(), previous.Select(p => p.Text).ToList(), previous.Select(p => p.Card).ToList())
            .Where(trend => newOnly ? trend.IsNew && trend.Current > 0 : trend.Change > 0)
            .OrderByDescending(trend => trend.Change).ThenBy(trend => trend.Phrase, StringComparer.Ordinal).Take(10).Select(trend => trend.Phrase).ToList();
        if (expected.Count == 0)
        {
            return "no phrase rose between the periods: the golden question checks nothing";
        }
        var phrases = answer.Texts("phrase");
        if (!phrases.SequenceEqual(expected))
        {
            return $"phrases {string.Join(" | ", phrases)}; expected {string.Join(" | ", expected)}";
        }
        double? Containing(List<Planted> sample, string? phrase) => sample.Count(p => NGrams.Of(p.Text).Contains(phrase!));
        var counts = phrases.Select(phrase => $"{Containing(current, phrase)}/{Containing(previous, phrase)}").ToList();
        var got = answer.Numbers("current").Zip(answer.Numbers("previous"), (now, before) => $"{now}/{before}").ToList();
        if (!got.SequenceEqual(counts))
        {
            return $"current/previous {string.Join(" ", got)}; the planted answers containing each phrase: {string.Join(" ", counts)}";
        }
        return answer.Numbers("answers_analysed").All(n => n == current.Count) && answer.Numbers("previous_answers_analysed").All(n => n == previous.Count)
            ? null
            : $"answers analysed {Show(answer.Numbers("answers_analysed").Take(1))}/{Show(answer.Numbers("previous_answers_analysed").Take(1))}; expected {current.Count}/{previous.Count}";
    };

    /// <summary>The planted answers the course's watch list flags, in scope: their number and, when all are shown, their statement ids.</summary>
    private static Func<JsonObject, string?> Flagged(IReadOnlyList<Planted> planted, Func<Planted, bool> scope) => answer =>
    {
        var expected = planted.Where(p => p.Flagged && scope(p)).Select(p => p.Id.ToString()).Order(StringComparer.Ordinal).ToList();
        var ids = answer.Texts("statement_id").Order(StringComparer.Ordinal).ToList();
        var count = answer.Numbers("flagged_answers").FirstOrDefault() ?? 0;
        return count == expected.Count && (expected.Count > 50 || ids.SequenceEqual(expected))
            ? null
            : $"flagged {count} ({string.Join(",", ids)}); expected {expected.Count} ({string.Join(",", expected)})";
    };

    /// <summary>Every choice of the card with the answers that picked it, in display order, and the card's answers.</summary>
    private static Func<JsonObject, string?> Distribution(QuestionTruth card) => answer =>
    {
        var choices = answer.Texts("choice_id");
        var counts = answer.Numbers("answers");
        var total = answer.Numbers("card_answers");
        return choices.SequenceEqual(card.Distribution!.Keys) && counts.SequenceEqual(card.Distribution.Values.Select(v => (double?)v)) && total.All(t => t == card.Answers)
            ? null
            : $"card {card.Id}: {string.Join(",", choices.Zip(counts, (c, n) => $"{c}={n}"))} of {Show(total.Take(1))}; " +
              $"expected {string.Join(",", card.Distribution.Select(pair => $"{pair.Key}={pair.Value}"))} of {card.Answers}";
    };

    private sealed record CohortFigures(string Week, Dictionary<string, double> Values);

    private static CohortFigures Cohort(DateOnly week, List<LearnerTruth> members)
    {
        var statements = members.Sum(l => l.Statements);
        var started = members.Sum(l => l.Lessons.Count);
        var completed = members.Sum(l => l.Lessons.Count(x => x.Completed));
        return new(week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new()
        {
            ["learners"] = members.Count,
            ["active_learners"] = members.Count(l => l.Statements > 0),
            ["statements"] = statements,
            ["answers"] = members.Sum(l => l.Answers),
            ["free_text_answers"] = members.Sum(l => l.FreeTextAnswers),
            ["started"] = started,
            ["completed"] = completed,
            ["completion_rate"] = (double)Math.Round((decimal)completed / started, 4, MidpointRounding.AwayFromZero),
            ["statements_per_learner"] = (double)Math.Round((decimal)statements / members.Count, 2, MidpointRounding.AwayFromZero),
        });
    }

    /// <summary>The cohorts' rows, in week order, every figure equal to the truth.</summary>
    private static Func<JsonObject, string?> Cohorts(IReadOnlyList<CohortFigures> expected) => answer =>
    {
        var weeks = answer.Texts("week");
        if (!weeks.SequenceEqual(expected.Select(c => c.Week)))
        {
            return $"cohort weeks {string.Join(",", weeks)}; expected {string.Join(",", expected.Select(c => c.Week))}";
        }
        foreach (var column in expected[0].Values.Keys)
        {
            var values = answer.Numbers(column);
            if (!values.Zip(expected).All(pair => Near(pair.First, pair.Second.Values[column])))
            {
                return $"{column} {Show(values)}; expected {string.Join(",", expected.Select(c => c.Values[column]))}";
            }
        }
        return null;
    };

    /// <summary>The first-ranked cohort's value of a column (ties may order cohorts either way).</summary>
    private static Func<JsonObject, string?> CohortRank(string column, IReadOnlyList<CohortFigures> cohorts, bool highest) =>
        Ranked(column, [highest ? cohorts.Max(c => c.Values[column]) : cohorts.Min(c => c.Values[column])]);

    /// <summary>The learner's lessons (course places, in order), statements and answers per lesson and completions.</summary>
    private static Func<JsonObject, string?> Learner(LearnerTruth learner, IReadOnlyDictionary<int, int> place, int? onlyLesson) => answer =>
    {
        var lessons = learner.Lessons.Where(l => onlyLesson is null || l.LessonNumber == onlyLesson).OrderBy(l => place[l.LessonNumber]).ToList();
        var got = answer.Numbers("lesson").Zip(answer.Numbers("statements"), answer.Numbers("answers"))
            .Zip(answer.Texts("completed"), (row, completed) => $"{row.First}:{row.Second}/{row.Third}{(completed == "true" ? "+" : "")}").ToList();
        var want = lessons.Select(l => $"{place[l.LessonNumber]}:{l.Statements}/{l.Answers}{(l.Completed ? "+" : "")}").ToList();
        return got.SequenceEqual(want) ? null : $"learner {learner.AccountName}: {string.Join(" ", got)}; expected {string.Join(" ", want)}";
    };
}
