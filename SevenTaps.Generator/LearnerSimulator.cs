using System.Text;

namespace SevenTaps.Generator;

/// <summary>One event of a learner's trace: everything a statement needs except its JSON.</summary>
internal struct TraceEvent
{
    public StatementKind Kind;
    public int Seq;              // creation order within the learner: source of the statement id
    public long Time;            // unix milliseconds, UTC
    public int Lesson;           // lesson index (answered, completed)
    public int Card;             // card index in the lesson (answered)
    public int Choice;           // poll/rate: choice index; quiz: bit mask of chosen choices
    public int ScoreRaw;         // quiz
    public int DurationSeconds;  // -1 = no result.duration
    public bool Voided;          // an answered statement that a later voiding statement voids
    public int TargetSeq;        // voiding: the voided statement's Seq
    public string? Text;         // form: the free-text answer
    public FreeTextLabel? Label; // form: planted theme/tone
}

/// <summary>Learner traits that stay fixed for the whole course.</summary>
internal sealed record LearnerProfile(
    Learner Learner,
    int Chronotype,
    double Engagement,
    double Pace,
    bool AtRisk,
    string FocusTheme,
    double QuizSkill,
    double Mood);

/// <summary>
/// Simulates learners: who they are, when they study, how far they get, what they answer. Pure function of
/// (options, learner index): the same index always yields the same trace.
/// </summary>
internal sealed class LearnerSimulator
{
    private const long Day = 86_400_000L;

    private static readonly string[] FirstNames =
        ["Ava", "Noah", "Mia", "Liam", "Zoe", "Eli", "Maya", "Leo", "Nora", "Sam", "Iris", "Jonah", "Priya", "Mateo", "Aisha", "Kai", "Lena", "Omar", "Rosa", "Theo"];

    private static readonly int[] Offsets = [-240, -300, -360, -420, -480, 0, 60];

    private static readonly double[] OffsetWeights = [0.17, 0.36, 0.18, 0.09, 0.14, 0.03, 0.03];

    // Local minute-of-day windows: morning, midday, afternoon, evening, late evening.
    private static readonly (int From, int To)[] Windows = [(390, 570), (690, 840), (900, 1080), (1140, 1350), (1350, 1410)];

    private static readonly double[] ChronotypeWeights = [0.2, 0.2, 0.15, 0.35, 0.1];

    private static readonly int[] GapDays = [1, 2, 3, 4, 5, 6, 7, 10, 14];

    private static readonly double[] GapWeights = [0.45, 0.2, 0.12, 0.08, 0.04, 0.03, 0.03, 0.03, 0.02];

    private readonly GeneratorOptions options;
    private readonly Course course;
    private readonly long periodEnd;
    private readonly double[] cohortWeights;
    private readonly int[] cohortStartDay; // DateOnly.DayNumber
    private readonly double concerningRate;
    private readonly FreeTextLabel[,,] labels;
    private readonly StringBuilder textBuffer = new(256);

    public LearnerSimulator(GeneratorOptions options, Course course, IReadOnlyList<Cohort> cohorts)
    {
        this.options = options;
        this.course = course;
        periodEnd = options.PeriodEnd.ToUnixTimeMilliseconds();
        cohortStartDay = cohorts.Select(c => c.StartDate.DayNumber).ToArray();
        var rng = DeterministicRandom.For(options.Seed, 0xC0_4087, 0);
        cohortWeights = cohorts.Select(_ => rng.Between(0.7, 1.3)).ToArray();

        // At-risk learners (5%) write the concerning answers.
        concerningRate = Math.Min(0.6, options.ConcerningFraction / 0.05);
        var themes = FreeTextBank.Themes;
        labels = new FreeTextLabel[themes.Count, 3, 2];
        for (var t = 0; t < themes.Count; t++)
        {
            for (var tone = 0; tone < 3; tone++)
            {
                labels[t, tone, 0] = new FreeTextLabel(themes[t], FreeTextBank.Tones[tone], false);
                labels[t, tone, 1] = new FreeTextLabel(themes[t], FreeTextBank.Tones[tone], true);
            }
        }
    }

    /// <summary>Spreads cohort start dates over the first <see cref="GeneratorOptions.CohortSpread"/> of the period, on weekdays.</summary>
    public static IReadOnlyList<Cohort> BuildCohorts(GeneratorOptions options)
    {
        var totalDays = options.Weeks * 7;
        var spread = (int)(totalDays * options.CohortSpread);
        var last = options.CourseStart.AddDays(totalDays - 2);
        var cohorts = new List<Cohort>(options.Cohorts);
        for (var c = 0; c < options.Cohorts; c++)
        {
            var date = options.CourseStart.AddDays((int)Math.Round((double)c * spread / options.Cohorts));
            while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                date = date.AddDays(1);
            }

            if (date > last)
            {
                date = last;
            }

            cohorts.Add(new Cohort(c, $"Cohort {c + 1}", date));
        }

        return cohorts;
    }

    public LearnerProfile Profile(int index, out DeterministicRandom rng)
    {
        rng = DeterministicRandom.For(options.Seed, 0x1EA_4E4, index);
        var cohort = rng.PickWeighted(cohortWeights);
        var offset = Offsets[rng.PickWeighted(OffsetWeights)];
        string? display = null;
        if (rng.Chance(options.NamedLearnerFraction))
        {
            display = $"{rng.Pick(FirstNames)} {(char)('A' + rng.Next(26))}.";
        }

        var learner = new Learner(index, Hashing.AccountName(options.Seed, index), display, cohort, offset);
        return new LearnerProfile(
            learner,
            Chronotype: rng.PickWeighted(ChronotypeWeights),
            Engagement: rng.Normalish(0.035),
            Pace: rng.Between(0.6, 1.8),
            AtRisk: rng.Chance(0.05),
            FocusTheme: rng.Pick(FreeTextBank.Themes),
            QuizSkill: rng.Between(0.55, 0.92),
            Mood: rng.Normalish(0.08));
    }

    /// <summary>Fills <paramref name="trace"/> with the learner's events in time order (voiding statements included).</summary>
    public LearnerProfile Simulate(int index, List<TraceEvent> trace)
    {
        trace.Clear();
        var profile = Profile(index, out var rng);
        var offsetMs = profile.Learner.UtcOffsetMinutes * 60_000L;
        List<TraceEvent>? voids = null;
        var seq = 0;
        var day = cohortStartDay[profile.Learner.Cohort];
        long localStart = LocalTime(day, SessionMinute(rng, profile), rng);
        var lessons = course.Lessons;

        for (var k = 0; k < lessons.Count; k++)
        {
            var lesson = lessons[k];
            var cards = lesson.Cards;
            var dropout = Math.Clamp(lesson.BaseDropout - profile.Engagement, 0.001, 0.95);
            var answerCount = cards.Count;
            var completes = true;
            if (rng.Chance(dropout))
            {
                if (k > 0 && rng.Chance(0.55))
                {
                    break; // never opens this lesson
                }

                completes = false;
                answerCount = cards.Count == 1 ? 1 : rng.Between(1, cards.Count - 1);
            }

            var t = localStart + (rng.Between(15, 90) * 1000L) + rng.Next(1000);
            for (var c = 0; c < answerCount; c++)
            {
                var card = cards[c];
                var answerSeconds = AnswerSeconds(rng, card.Type);
                t += (rng.Between(5, 45) * 1000L) + (answerSeconds * 1000L) + rng.Next(1000);
                var utc = t - offsetMs;
                if (utc >= periodEnd)
                {
                    goto Done;
                }

                var e = new TraceEvent
                {
                    Kind = StatementKind.Answered,
                    Seq = seq++,
                    Time = utc,
                    Lesson = k,
                    Card = c,
                    DurationSeconds = rng.Chance(0.35) ? answerSeconds : -1,
                };
                Answer(rng, profile, lesson, k, card, ref e);

                if (options.VoidedFraction > 0 && rng.Chance(options.VoidedFraction))
                {
                    // Voided later: a quick correction (seconds to minutes) or a clean-up days later.
                    var delay = rng.Chance(0.6) ? rng.Between(5_000, 600_000) : rng.Between(3_600_000, 259_200_000);
                    var voidTime = utc + delay;
                    if (voidTime < periodEnd)
                    {
                        e.Voided = true;
                        voids ??= [];
                        voids.Add(new TraceEvent { Kind = StatementKind.Voiding, Seq = seq++, Time = voidTime, TargetSeq = e.Seq, DurationSeconds = -1 });
                    }
                }

                trace.Add(e);
            }

            if (!completes)
            {
                break;
            }

            t += (rng.Between(10, 90) * 1000L) + rng.Next(1000);
            if (t - offsetMs >= periodEnd)
            {
                break;
            }

            trace.Add(new TraceEvent
            {
                Kind = StatementKind.Completed,
                Seq = seq++,
                Time = t - offsetMs,
                Lesson = k,
                DurationSeconds = (int)Math.Round((t - localStart) / 1000.0),
            });

            localStart = NextSession(rng, profile, t);
        }

        Done:
        if (voids is not null)
        {
            Merge(trace, voids);
        }

        return profile;
    }

    private static void Merge(List<TraceEvent> trace, List<TraceEvent> voids)
    {
        voids.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Seq.CompareTo(b.Seq));
        var merged = new List<TraceEvent>(trace.Count + voids.Count);
        int i = 0, j = 0;
        while (i < trace.Count || j < voids.Count)
        {
            if (j >= voids.Count || (i < trace.Count && trace[i].Time <= voids[j].Time))
            {
                merged.Add(trace[i++]);
            }
            else
            {
                merged.Add(voids[j++]);
            }
        }

        trace.Clear();
        trace.AddRange(merged);
    }

    private static long LocalTime(int dayNumber, int minuteOfDay, DeterministicRandom rng) =>
        ((long)(dayNumber - JsonText.UnixEpochDayNumber) * Day) + (minuteOfDay * 60_000L) + rng.Next(60_000);

    private static int SessionMinute(DeterministicRandom rng, LearnerProfile profile)
    {
        var window = rng.Chance(0.75) ? Windows[profile.Chronotype] : Windows[rng.Next(Windows.Length)];
        return rng.Between(window.From, window.To - 1);
    }

    /// <summary>When the next lesson starts (local milliseconds), after finishing one at <paramref name="localEnd"/>.</summary>
    private static long NextSession(DeterministicRandom rng, LearnerProfile profile, long localEnd)
    {
        var endDay = (int)(localEnd / Day) + JsonText.UnixEpochDayNumber;
        if (rng.Chance(0.08))
        {
            // Binge: another lesson the same evening/afternoon.
            var next = localEnd + (rng.Between(20, 150) * 60_000L);
            if ((next % Day) < 1430 * 60_000L && next / Day == localEnd / Day)
            {
                return next;
            }
        }

        var gap = Math.Max(1, (int)Math.Round(GapDays[rng.PickWeighted(GapWeights)] * profile.Pace));
        var day = endDay + gap;
        var dow = (DayOfWeek)((day + 1) % 7); // DayNumber 0 (0001-01-01) was a Monday
        if (dow is DayOfWeek.Saturday or DayOfWeek.Sunday && rng.Chance(0.6))
        {
            day += dow == DayOfWeek.Saturday ? 2 : 1;
        }

        return LocalTime(day, SessionMinute(rng, profile), rng);
    }

    private static int AnswerSeconds(DeterministicRandom rng, CardType type) => type switch
    {
        CardType.Poll => rng.Between(4, 20),
        CardType.Quiz => rng.Between(6, 35),
        CardType.Rate => rng.Between(2, 10),
        CardType.Form => rng.Between(20, 150),
        _ => rng.Between(30, 240),
    };

    private void Answer(DeterministicRandom rng, LearnerProfile profile, Lesson lesson, int lessonIndex, Card card, ref TraceEvent e)
    {
        switch (card.Type)
        {
            case CardType.Poll:
            case CardType.Rate:
                e.Choice = rng.PickWeighted(card.ChoiceWeights);
                break;
            case CardType.Quiz:
            {
                var n = card.Choices.Count;
                int mask;
                if (!card.MultipleAnswers)
                {
                    if (rng.Chance(profile.QuizSkill))
                    {
                        mask = card.CorrectMask;
                    }
                    else
                    {
                        var k = rng.PickWeighted(card.ChoiceWeights);
                        if ((card.CorrectMask & (1 << k)) != 0)
                        {
                            k = (k + 1 + rng.Next(n - 1)) % n;
                        }

                        mask = 1 << k;
                    }
                }
                else if (rng.Chance(profile.QuizSkill * 0.8))
                {
                    mask = card.CorrectMask;
                }
                else
                {
                    do
                    {
                        mask = 0;
                        for (var k = 0; k < n; k++)
                        {
                            if (rng.Chance(0.5))
                            {
                                mask |= 1 << k;
                            }
                        }
                    }
                    while (mask == 0 || mask == card.CorrectMask);
                }

                e.Choice = mask;
                e.ScoreRaw = Math.Max(0, int.PopCount(mask & card.CorrectMask) - int.PopCount(mask & ~card.CorrectMask));
                break;
            }

            case CardType.Form:
            {
                string theme;
                if (card.Theme is not null && rng.Chance(0.75))
                {
                    theme = card.Theme;
                }
                else if (rng.Chance(0.5))
                {
                    theme = profile.FocusTheme;
                }
                else
                {
                    theme = rng.Pick(FreeTextBank.Themes);
                }

                var concerning = profile.AtRisk && rng.Chance(concerningRate);
                int tone;
                if (concerning)
                {
                    tone = 1;
                }
                else
                {
                    var progress = lessonIndex / (double)Math.Max(1, course.Lessons.Count - 1);
                    var positive = Math.Clamp(0.36 + (0.14 * progress) + profile.Mood, 0.05, 0.9);
                    var negative = Math.Clamp(0.28 - (0.10 * progress) - profile.Mood, 0.05, 0.9);
                    var u = rng.NextDouble() * Math.Max(1, positive + negative + 0.05);
                    tone = u < positive ? 0 : u < positive + negative ? 1 : 2;
                }

                var themeIndex = IndexOfTheme(theme);
                e.Text = FreeTextBank.Compose(rng, theme, tone, concerning, textBuffer);
                e.Label = labels[themeIndex, tone, concerning ? 1 : 0];
                break;
            }

            default:
                break; // submit media: the upload URL is derived from the statement id
        }
    }

    private static int IndexOfTheme(string theme)
    {
        var themes = FreeTextBank.Themes;
        for (var i = 0; i < themes.Count; i++)
        {
            if (ReferenceEquals(themes[i], theme) || themes[i] == theme)
            {
                return i;
            }
        }

        throw new InvalidOperationException("Unknown theme " + theme);
    }
}
