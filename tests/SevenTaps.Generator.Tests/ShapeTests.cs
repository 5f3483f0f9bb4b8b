using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SevenTaps.Generator;

namespace SevenTaps.Generator.Tests;

public partial class ShapeTests
{
    [GeneratedRegex(@"^https://courses\.practiceoflife\.com/[A-Za-z0-9]{12}$")]
    private static partial Regex LessonUrl();

    [GeneratedRegex(@"^(https://courses\.practiceoflife\.com/[A-Za-z0-9]{12})/(poll|form|quiz|rate|submit-media)/(\d{7})$")]
    private static partial Regex CardId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex Timestamp();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex AccountName();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid4();

    private static DataSet Set => Fixtures.Get(Fixtures.Small(7, voided: 0.01));

    [Fact]
    public void AnsweredStatementsLookLikeTheReal7tapsStatement()
    {
        var set = Set;
        var answered = set.Parsed.Where(s => s.GetProperty("verb").GetProperty("id").GetString() == "http://adlnet.gov/expapi/verbs/answered").ToList();
        Assert.NotEmpty(answered);
        var seenTypes = new HashSet<string>();
        foreach (var s in answered)
        {
            var obj = s.GetProperty("object");
            var id = obj.GetProperty("id").GetString()!;
            var match = CardId().Match(id);
            Assert.True(match.Success, id);
            var slug = match.Groups[2].Value;
            seenTypes.Add(slug);
            Assert.Equal("Activity", obj.GetProperty("objectType").GetString());

            // The lesson is only in context.contextActivities.parent, as a single object (not an array).
            var parent = s.GetProperty("context").GetProperty("contextActivities").GetProperty("parent");
            Assert.Equal(JsonValueKind.Object, parent.ValueKind);
            Assert.Equal(match.Groups[1].Value, parent.GetProperty("id").GetString());
            Assert.Equal("Activity", parent.GetProperty("objectType").GetString());
            Assert.Matches(LessonUrl(), parent.GetProperty("id").GetString()!);

            var definition = obj.GetProperty("definition");
            Assert.Equal("http://adlnet.gov/expapi/activities/question", definition.GetProperty("type").GetString());
            Assert.Equal(slug == "submit-media" ? "7taps submit media" : "7taps " + slug, definition.GetProperty("description").GetProperty("en-US").GetString());
            AssertQuillDelta(definition.GetProperty("name").GetProperty("en-US").GetString()!);
            var interaction = definition.GetProperty("interactionType").GetString();
            Assert.Equal(slug switch { "poll" or "quiz" => "choice", "rate" => "likert", "form" => "long-fill-in", _ => "other" }, interaction);

            var result = s.GetProperty("result");
            var response = result.GetProperty("response").GetString()!;
            switch (slug)
            {
                case "poll":
                    Assert.Contains(definition.GetProperty("choices").EnumerateArray(), c => c.GetProperty("id").GetString() == response);
                    Assert.False(definition.TryGetProperty("correctResponsesPattern", out _));
                    break;
                case "rate":
                    Assert.Contains(definition.GetProperty("scale").EnumerateArray(), c => c.GetProperty("id").GetString() == response);
                    break;
                case "quiz":
                {
                    var choiceIds = definition.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToHashSet();
                    var chosen = response.Split("[,]");
                    Assert.All(chosen, c => Assert.Contains(c, choiceIds));
                    var pattern = definition.GetProperty("correctResponsesPattern")[0].GetString()!;
                    Assert.Equal(pattern == response, result.GetProperty("success").GetBoolean());
                    var score = result.GetProperty("score");
                    var raw = score.GetProperty("raw").GetDouble();
                    var max = score.GetProperty("max").GetDouble();
                    Assert.Equal(0, score.GetProperty("min").GetDouble());
                    Assert.InRange(raw, 0, max);
                    Assert.Equal(raw / max, score.GetProperty("scaled").GetDouble(), 12);
                    Assert.Equal(pattern.Split("[,]").Length, (int)max);
                    break;
                }

                case "form":
                    Assert.False(string.IsNullOrWhiteSpace(response));
                    Assert.False(response.StartsWith("http", StringComparison.Ordinal));
                    break;
                default:
                    Assert.Matches(@"^https://uploads\.7taps\.com/responses/[A-Za-z0-9]{12}/[0-9a-f]{16}\.(m4a|jpg|mp4)$", response);
                    break;
            }
        }

        Assert.Equal(["form", "poll", "quiz", "rate", "submit-media"], seenTypes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CompletedAndVoidingStatementsHaveTheirShape()
    {
        var set = Set;
        var byId = set.Statements.Select((s, i) => (s, i)).ToDictionary(x => x.s.Id.ToString(), x => x.i);
        var lessonUrls = set.Generator.Course.Lessons.Select(l => l.Url).ToHashSet();
        var voidings = 0;
        foreach (var (s, i) in set.Parsed.Select((s, i) => (s, i)))
        {
            var verb = s.GetProperty("verb").GetProperty("id").GetString();
            if (verb == "http://adlnet.gov/expapi/verbs/completed")
            {
                Assert.Contains(s.GetProperty("object").GetProperty("id").GetString()!, lessonUrls);
                Assert.Equal("http://adlnet.gov/expapi/activities/lesson", s.GetProperty("object").GetProperty("definition").GetProperty("type").GetString());
                Assert.True(s.GetProperty("result").GetProperty("completion").GetBoolean());
                Assert.Matches(@"^PT(\d+H)?(\d+M)?(\d+S)?$", s.GetProperty("result").GetProperty("duration").GetString()!);
                Assert.False(s.TryGetProperty("context", out _));
            }
            else if (verb == "http://adlnet.gov/expapi/verbs/voided")
            {
                voidings++;
                var target = s.GetProperty("object").GetProperty("id").GetString()!;
                var t = byId[target];
                Assert.True(t < i, "the voided statement is emitted before the voiding one");
                Assert.True(set.Statements[t].Timestamp < set.Statements[i].Timestamp, "voiding is later in time");
                Assert.Equal(StatementKind.Answered, set.Statements[t].Kind);
                Assert.Equal(set.Statements[t].LearnerIndex, set.Statements[i].LearnerIndex);
            }
            else
            {
                Assert.Equal("http://adlnet.gov/expapi/verbs/answered", verb);
            }
        }

        Assert.True(voidings > 0);
    }

    [Fact]
    public void IdsActorsAndTimestamps()
    {
        var set = Set;
        var options = set.Generator.Options;
        Assert.Equal(set.Statements.Count, set.Statements.Select(s => s.Id).Distinct().Count());
        var previous = new Dictionary<int, DateTimeOffset>();
        var names = new Dictionary<int, string>();
        var displayNames = 0;
        for (var i = 0; i < set.Statements.Count; i++)
        {
            var s = set.Statements[i];
            var json = set.Parsed[i];
            Assert.Equal(s.Id.ToString(), json.GetProperty("id").GetString());
            Assert.Matches(Uuid4(), s.Id.ToString());
            var ts = json.GetProperty("timestamp").GetString()!;
            Assert.Matches(Timestamp(), ts);
            Assert.Equal(s.Timestamp, DateTimeOffset.Parse(ts, CultureInfo.InvariantCulture));
            Assert.True(s.Timestamp < options.PeriodEnd);
            Assert.True(s.Timestamp >= new DateTimeOffset(options.CourseStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1));

            // Per learner: contiguous and in time order.
            if (previous.TryGetValue(s.LearnerIndex, out var before))
            {
                Assert.True(s.Timestamp >= before);
                Assert.Equal(set.Statements[i - 1].LearnerIndex, s.LearnerIndex);
            }

            previous[s.LearnerIndex] = s.Timestamp;

            var actor = json.GetProperty("actor");
            var account = actor.GetProperty("account");
            Assert.Equal("https://7taps.com", account.GetProperty("homePage").GetString());
            var name = account.GetProperty("name").GetString()!;
            Assert.Matches(AccountName(), name);
            Assert.Equal(name, names.TryGetValue(s.LearnerIndex, out var n) ? n : names[s.LearnerIndex] = name);
            Assert.False(actor.TryGetProperty("mbox", out _));
            if (actor.TryGetProperty("name", out _))
            {
                displayNames++;
            }
        }

        Assert.Equal(options.Learners, names.Values.Distinct().Count());
        Assert.InRange(displayNames, 1, set.Statements.Count / 5);
        var learners = set.Generator.Learners().ToList();
        Assert.Equal(learners.Select(l => l.AccountName), names.OrderBy(kv => kv.Key).Select(kv => kv.Value));
    }

    [Fact]
    public void CourseHasEveryCardTypeInEveryLessonAndUniqueIds()
    {
        var course = new CourseGenerator(new GeneratorOptions { Seed = 99, LessonCount = 30, MinCardsPerLesson = 5, MaxCardsPerLesson = 9 }).Course;
        Assert.Equal(Enumerable.Range(1, 30), course.Lessons.Select(l => l.Number));
        Assert.Equal(30, course.Lessons.Select(l => l.Url).Distinct().Count());
        Assert.Equal(30, course.Lessons.Select(l => l.Name).Distinct().Count());
        foreach (var lesson in course.Lessons)
        {
            Assert.Matches(LessonUrl(), lesson.Url);
            Assert.InRange(lesson.Cards.Count, 5, 9);
            Assert.Equal(CardTypes.All.Order(), lesson.Cards.Select(c => c.Type).Distinct().Order());
            Assert.Equal(Enumerable.Range(1, lesson.Cards.Count), lesson.Cards.Select(c => c.Position));
            foreach (var card in lesson.Cards)
            {
                Assert.Matches(CardId(), card.Id);
                Assert.StartsWith(lesson.Url + "/", card.Id);
                AssertQuillDelta(card.NameDelta);
                Assert.DoesNotContain("**", card.Text);
            }
        }

        var cards = course.Cards.ToList();
        Assert.Equal(cards.Count, cards.Select(c => c.Id.Split('/')[^1]).Distinct().Count());
        Assert.Contains(cards, c => c.Type == CardType.Quiz && c.MultipleAnswers);
        Assert.Contains(cards, c => c.Type == CardType.Quiz && !c.MultipleAnswers);
        Assert.Contains(cards, c => c.NameDelta.Contains("\"bold\":true", StringComparison.Ordinal));

        var mapping = JsonDocument.Parse(course.ToLessonMappingJson(new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero)));
        var third = mapping.RootElement.GetProperty("lessons").GetProperty("3");
        Assert.Equal(3, third.GetProperty("lesson_number").GetInt32());
        Assert.Equal(course.Lessons[2].Url, third.GetProperty("lesson_url").GetString());
        Assert.Equal("3. Rewire Your Story", third.GetProperty("display_name").GetString());
    }

    [Fact]
    public void CohortsStartOnDifferentWeekdaysAndLearnersStartOnTheirCohortDate()
    {
        var set = Fixtures.Get(Fixtures.Small(3, learners: 400, voided: 0.002));
        var cohorts = set.Generator.Cohorts;
        Assert.Equal(4, cohorts.Count);
        Assert.Equal(4, cohorts.Select(c => c.StartDate).Distinct().Count());
        Assert.All(cohorts, c => Assert.True(c.StartDate.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)));
        Assert.True(cohorts.Zip(cohorts.Skip(1)).All(p => p.First.StartDate < p.Second.StartDate));
        var learners = set.Generator.Learners().ToDictionary(l => l.Index);
        foreach (var group in set.Statements.GroupBy(s => s.LearnerIndex))
        {
            var learner = learners[group.Key];
            var first = group.First().Timestamp.ToOffset(TimeSpan.FromMinutes(learner.UtcOffsetMinutes));
            Assert.Equal(cohorts[learner.Cohort].StartDate, DateOnly.FromDateTime(first.DateTime));
            Assert.InRange(first.Hour, 6, 23); // plausible local hours
        }

        Assert.All(set.Truth.Cohorts, c => Assert.True(c.Learners > 0));
    }

    private static void AssertQuillDelta(string name)
    {
        using var delta = JsonDocument.Parse(name);
        var ops = delta.RootElement.GetProperty("ops");
        Assert.True(ops.GetArrayLength() > 0);
        foreach (var op in ops.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, op.GetProperty("insert").ValueKind);
            if (op.TryGetProperty("attributes", out var attributes))
            {
                Assert.True(attributes.GetProperty("bold").GetBoolean());
            }
        }

        Assert.EndsWith("\n", ops[ops.GetArrayLength() - 1].GetProperty("insert").GetString());
    }
}
