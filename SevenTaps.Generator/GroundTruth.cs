using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SevenTaps.Generator;

/// <summary>
/// What was emitted, computed from exactly the emitted statements. A voided statement counts for nothing
/// (it is still counted in <see cref="Statements"/> and <see cref="AnsweredStatements"/>, which count emitted
/// statements); the voiding statements themselves carry no learning data.
/// </summary>
/// <param name="Learners">Learners generated; every one emitted at least one statement.</param>
/// <param name="ActiveLearners">Learners with at least one non-voided answered/completed statement.</param>
/// <param name="Statements">All emitted statements: answered + completed + voiding.</param>
/// <param name="AnsweredStatements">Emitted answered statements, voided ones included.</param>
/// <param name="CompletedStatements">Emitted completed statements (never voided).</param>
/// <param name="VoidingStatements">Emitted voiding statements (verb voided).</param>
/// <param name="Voided">Statements voided (= VoidingStatements; only answered statements are voided).</param>
/// <param name="CompletedCourse">Learners with a non-voided completed statement on every lesson.</param>
/// <param name="FirstTimestamp">Earliest timestamp of any emitted statement.</param>
/// <param name="LastTimestamp">Latest timestamp of any emitted statement.</param>
/// <param name="Daily">Per UTC date with activity: non-voided answered+completed statements and distinct learners behind them.</param>
/// <param name="VoidedStatementIds">Ids of the voided statements, in emission order.</param>
public sealed record GroundTruth(
    GeneratorOptions Options,
    int Learners,
    int ActiveLearners,
    long Statements,
    long AnsweredStatements,
    long CompletedStatements,
    long VoidingStatements,
    long Voided,
    int CompletedCourse,
    DateTimeOffset? FirstTimestamp,
    DateTimeOffset? LastTimestamp,
    IReadOnlyList<LessonTruth> Lessons,
    IReadOnlyList<CohortTruth> Cohorts,
    FreeTextTruth FreeText,
    IReadOnlyList<QuestionTruth> Questions,
    IReadOnlyList<DayTruth> Daily,
    IReadOnlyList<Guid> VoidedStatementIds)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Indented JSON with camelCase names; deterministic for the same options.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static GroundTruth FromJson(string json) =>
        JsonSerializer.Deserialize<GroundTruth>(json, JsonOptions) ?? throw new JsonException("truth JSON is null");

    public LessonTruth Lesson(int number) => Lessons.First(l => l.Number == number);

    public QuestionTruth Question(string cardId) => Questions.First(q => q.Id == cardId);
}

/// <param name="Started">Distinct learners with any non-voided statement in the lesson (an answered card of it or completed on it).</param>
/// <param name="Completed">Distinct learners with a non-voided completed statement on the lesson.</param>
/// <param name="Dropoff">Learners whose furthest started lesson is this one (at the last lesson this includes those who finished the course).</param>
/// <param name="Answers">Non-voided answered statements on the lesson's cards.</param>
public sealed record LessonTruth(int Number, string Name, string Url, int Started, int Completed, int Dropoff, int Answers);

public sealed record CohortTruth(int Index, string Name, DateOnly StartDate, int Learners);

/// <summary>Free text = the responses of form cards. Counts are of non-voided answers.</summary>
/// <param name="Themes">Theme → answers planted with it (every theme listed, zeros included).</param>
/// <param name="Tones">positive / negative / neutral → answers.</param>
/// <param name="Concerning">Answers containing a concerning phrase.</param>
/// <param name="ConcerningStatementIds">Their statement ids, in emission order.</param>
public sealed record FreeTextTruth(
    int Answers,
    IReadOnlyDictionary<string, int> Themes,
    IReadOnlyDictionary<string, int> Tones,
    int Concerning,
    IReadOnlyList<Guid> ConcerningStatementIds);

/// <summary>One card (question), by activity id.</summary>
/// <param name="CardType">Slug: poll, form, quiz, rate, submit-media.</param>
/// <param name="Answers">Non-voided answered statements.</param>
/// <param name="Correct">Quiz only: non-voided answers with result.success true.</param>
/// <param name="Distribution">
/// Poll, quiz and rate: choice (or scale) id → non-voided answers that chose it, in display order, zeros
/// included. A multi-select quiz answer ("a[,]c") counts once for each chosen id. Null for form and submit media.
/// </param>
public sealed record QuestionTruth(string Id, int LessonNumber, int Position, string CardType, int Answers, int? Correct, IReadOnlyDictionary<string, int>? Distribution);

public sealed record DayTruth(DateOnly Date, int Statements, int ActiveLearners);

/// <summary>
/// One learner's activity (<see cref="CourseGenerator.LearnerTruths"/>): voided statements count for nothing, except that
/// <see cref="FirstTimestamp"/> is the learner's first emitted statement of any kind (what a learner's first-seen time is).
/// </summary>
/// <param name="Cohort">The generator's cohort index (<see cref="CohortTruth.Index"/>).</param>
/// <param name="FirstTimestamp">The first emitted statement, voided or not (null only for a learner who emitted none).</param>
/// <param name="LastTimestamp">The last non-voided answered or completed statement; null when every one was voided.</param>
/// <param name="Statements">Non-voided answered + completed statements.</param>
/// <param name="Answers">Non-voided answered statements.</param>
/// <param name="FreeTextAnswers">Non-voided answers to form cards.</param>
/// <param name="Lessons">The lessons with a non-voided statement of the learner, in lesson order.</param>
public sealed record LearnerTruth(
    int Index,
    string AccountName,
    string? DisplayName,
    int Cohort,
    DateTimeOffset? FirstTimestamp,
    DateTimeOffset? LastTimestamp,
    int Statements,
    int Answers,
    int FreeTextAnswers,
    IReadOnlyList<LearnerLessonTruth> Lessons);

/// <param name="Statements">Non-voided answered (cards of the lesson) + completed (the lesson) statements.</param>
/// <param name="Answers">Non-voided answered statements on the lesson's cards.</param>
/// <param name="Completed">A completed statement on the lesson.</param>
public sealed record LearnerLessonTruth(int LessonNumber, int Statements, int Answers, bool Completed);

/// <summary>Accumulates the ground truth learner by learner from the same traces that are serialized.</summary>
internal sealed class TruthBuilder
{
    private readonly GeneratorOptions options;
    private readonly Course course;
    private readonly IReadOnlyList<Cohort> cohorts;
    private readonly int[] started, completed, dropoff, lessonAnswers;
    private readonly int[][] answers, correct;
    private readonly int[][][] distribution;
    private readonly bool[] learnerStarted, learnerCompleted;
    private readonly int[] cohortLearners;
    private readonly int[] themeCounts = new int[FreeTextBank.Themes.Count];
    private readonly int[] toneCounts = new int[3];
    private readonly List<Guid> concerningIds = [];
    private readonly List<Guid> voidedIds = [];
    private readonly SortedDictionary<int, (int Statements, int Learners)> daily = [];
    private int learners, activeLearners, completedCourse, freeText;
    private long statements, answered, completedStatements, voiding;
    private long first = long.MaxValue, last = long.MinValue;

    public TruthBuilder(GeneratorOptions options, Course course, IReadOnlyList<Cohort> cohorts)
    {
        this.options = options;
        this.course = course;
        this.cohorts = cohorts;
        var n = course.Lessons.Count;
        started = new int[n];
        completed = new int[n];
        dropoff = new int[n];
        lessonAnswers = new int[n];
        learnerStarted = new bool[n];
        learnerCompleted = new bool[n];
        answers = course.Lessons.Select(l => new int[l.Cards.Count]).ToArray();
        correct = course.Lessons.Select(l => new int[l.Cards.Count]).ToArray();
        distribution = course.Lessons.Select(l => l.Cards.Select(c => new int[c.Choices.Count]).ToArray()).ToArray();
        cohortLearners = new int[cohorts.Count];
    }

    public void Add(LearnerProfile profile, List<TraceEvent> trace)
    {
        var learner = profile.Learner.Index;
        learners++;
        cohortLearners[profile.Learner.Cohort]++;
        Array.Clear(learnerStarted);
        Array.Clear(learnerCompleted);
        var lastDay = int.MinValue;
        foreach (var e in trace)
        {
            statements++;
            first = Math.Min(first, e.Time);
            last = Math.Max(last, e.Time);
            switch (e.Kind)
            {
                case StatementKind.Voiding:
                    voiding++;
                    voidedIds.Add(Hashing.StatementId(options.Seed, learner, e.TargetSeq));
                    continue;
                case StatementKind.Answered:
                    answered++;
                    break;
                default:
                    completedStatements++;
                    break;
            }

            if (e.Voided)
            {
                continue;
            }

            var day = (int)Math.Floor(e.Time / 86_400_000.0);
            daily.TryGetValue(day, out var d);
            daily[day] = (d.Statements + 1, d.Learners + (day != lastDay ? 1 : 0));
            lastDay = day;

            learnerStarted[e.Lesson] = true;
            if (e.Kind == StatementKind.Completed)
            {
                learnerCompleted[e.Lesson] = true;
                continue;
            }

            lessonAnswers[e.Lesson]++;
            answers[e.Lesson][e.Card]++;
            var card = course.Lessons[e.Lesson].Cards[e.Card];
            switch (card.Type)
            {
                case CardType.Poll:
                case CardType.Rate:
                    distribution[e.Lesson][e.Card][e.Choice]++;
                    break;
                case CardType.Quiz:
                    for (var k = 0; k < card.Choices.Count; k++)
                    {
                        if ((e.Choice & (1 << k)) != 0)
                        {
                            distribution[e.Lesson][e.Card][k]++;
                        }
                    }

                    if (e.Choice == card.CorrectMask)
                    {
                        correct[e.Lesson][e.Card]++;
                    }

                    break;
                case CardType.Form:
                    freeText++;
                    themeCounts[IndexOf(FreeTextBank.Themes, e.Label!.Theme)]++;
                    toneCounts[IndexOf(FreeTextBank.Tones, e.Label.Tone)]++;
                    if (e.Label.Concerning)
                    {
                        concerningIds.Add(Hashing.StatementId(options.Seed, learner, e.Seq));
                    }

                    break;
            }
        }

        var furthest = -1;
        var all = true;
        for (var k = 0; k < learnerStarted.Length; k++)
        {
            if (learnerStarted[k])
            {
                started[k]++;
                furthest = k;
            }

            if (learnerCompleted[k])
            {
                completed[k]++;
            }
            else
            {
                all = false;
            }
        }

        if (furthest >= 0)
        {
            activeLearners++;
            dropoff[furthest]++;
        }

        if (all)
        {
            completedCourse++;
        }
    }

    /// <summary>One learner's <see cref="LearnerTruth"/> from the trace that is serialized.</summary>
    public static LearnerTruth Summarize(Course course, LearnerProfile profile, List<TraceEvent> trace)
    {
        var lessons = new SortedDictionary<int, (int Statements, int Answers, bool Completed)>();
        long first = long.MaxValue, last = long.MinValue;
        int statements = 0, answers = 0, freeText = 0;
        foreach (var e in trace)
        {
            first = Math.Min(first, e.Time);
            if (e.Kind == StatementKind.Voiding || e.Voided)
            {
                continue;
            }

            last = Math.Max(last, e.Time);
            statements++;
            lessons.TryGetValue(e.Lesson, out var lesson);
            if (e.Kind == StatementKind.Completed)
            {
                lessons[e.Lesson] = (lesson.Statements + 1, lesson.Answers, true);
                continue;
            }

            answers++;
            if (course.Lessons[e.Lesson].Cards[e.Card].Type == CardType.Form)
            {
                freeText++;
            }

            lessons[e.Lesson] = (lesson.Statements + 1, lesson.Answers + 1, lesson.Completed);
        }

        var learner = profile.Learner;
        return new LearnerTruth(
            learner.Index,
            learner.AccountName,
            learner.DisplayName,
            learner.Cohort,
            trace.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(first) : null,
            statements > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null,
            statements,
            answers,
            freeText,
            lessons.Select(kv => new LearnerLessonTruth(course.Lessons[kv.Key].Number, kv.Value.Statements, kv.Value.Answers, kv.Value.Completed)).ToList());
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        throw new InvalidOperationException(value);
    }

    public GroundTruth Build()
    {
        var lessons = course.Lessons.Select((l, k) => new LessonTruth(l.Number, l.Name, l.Url, started[k], completed[k], dropoff[k], lessonAnswers[k])).ToList();
        var questions = new List<QuestionTruth>();
        for (var k = 0; k < course.Lessons.Count; k++)
        {
            var lesson = course.Lessons[k];
            for (var c = 0; c < lesson.Cards.Count; c++)
            {
                var card = lesson.Cards[c];
                Dictionary<string, int>? dist = null;
                if (card.Choices.Count > 0)
                {
                    dist = [];
                    for (var x = 0; x < card.Choices.Count; x++)
                    {
                        dist[card.Choices[x].Id] = distribution[k][c][x];
                    }
                }

                questions.Add(new QuestionTruth(card.Id, lesson.Number, card.Position, CardTypes.Slug(card.Type), answers[k][c],
                    card.Type == CardType.Quiz ? correct[k][c] : null, dist));
            }
        }

        var themes = new Dictionary<string, int>();
        for (var t = 0; t < themeCounts.Length; t++)
        {
            themes[FreeTextBank.Themes[t]] = themeCounts[t];
        }

        var tones = new Dictionary<string, int>();
        for (var t = 0; t < 3; t++)
        {
            tones[FreeTextBank.Tones[t]] = toneCounts[t];
        }

        return new GroundTruth(
            options,
            learners,
            activeLearners,
            statements,
            answered,
            completedStatements,
            voiding,
            voidedIds.Count,
            completedCourse,
            statements > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(first) : null,
            statements > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null,
            lessons,
            cohorts.Select((c, i) => new CohortTruth(c.Index, c.Name, c.StartDate, cohortLearners[i])).ToList(),
            new FreeTextTruth(freeText, themes, tones, concerningIds.Count, concerningIds.ToList()),
            questions,
            daily.Select(kv => new DayTruth(DateOnly.FromDayNumber(JsonText.UnixEpochDayNumber + kv.Key), kv.Value.Statements, kv.Value.Learners)).ToList(),
            voidedIds.ToList());
    }
}
