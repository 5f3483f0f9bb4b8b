namespace SevenTaps.Generator;

/// <summary>
/// Generates 7taps-shaped xAPI statements for a course and its learners, and the ground truth of what it emitted.
/// </summary>
/// <remarks>
/// <para>Everything is a pure function of <see cref="GeneratorOptions"/>: each learner is simulated from its own
/// random stream (seed, learner index), so enumerating twice, or in another order, gives the same statements.</para>
/// <para>The generator is cheap to create; enumerations are independent (each has its own buffers), so
/// several may run concurrently. Memory use of <see cref="Statements"/> is one learner at a time.</para>
/// </remarks>
public sealed class CourseGenerator
{
    private const long Day = 86_400_000L;
    private GroundTruth? truth;

    public CourseGenerator(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Course = CourseBuilder.Build(options);
        Cohorts = LearnerSimulator.BuildCohorts(options);
    }

    public GeneratorOptions Options { get; }

    public Course Course { get; }

    public IReadOnlyList<Cohort> Cohorts { get; }

    /// <summary>
    /// The ground truth. Computed once: from the statements themselves when <see cref="Statements"/> has been
    /// enumerated to the end, otherwise by a dry run of the same simulation (no JSON; fast).
    /// </summary>
    public GroundTruth Truth
    {
        get
        {
            if (truth is null)
            {
                var builder = new TruthBuilder(Options, Course, Cohorts);
                var simulator = new LearnerSimulator(Options, Course, Cohorts);
                var trace = new List<TraceEvent>(256);
                for (var i = 0; i < Options.Learners; i++)
                {
                    builder.Add(simulator.Simulate(i, trace), trace);
                }

                Interlocked.CompareExchange(ref truth, builder.Build(), null);
            }

            return truth;
        }
    }

    /// <summary>The learners, by index (cheap: no statements are generated).</summary>
    public IEnumerable<Learner> Learners()
    {
        var simulator = new LearnerSimulator(Options, Course, Cohorts);
        for (var i = 0; i < Options.Learners; i++)
        {
            yield return simulator.Profile(i, out _).Learner;
        }
    }

    /// <summary>
    /// Each learner's activity (statements, answers, lessons started and completed, first and last statement), by index:
    /// a dry run of the same simulation, one learner at a time (not part of <see cref="Truth"/>, whose JSON it would
    /// make as long as the learner list).
    /// </summary>
    public IEnumerable<LearnerTruth> LearnerTruths()
    {
        var simulator = new LearnerSimulator(Options, Course, Cohorts);
        var trace = new List<TraceEvent>(256);
        for (var i = 0; i < Options.Learners; i++)
        {
            var profile = simulator.Simulate(i, trace);
            yield return TruthBuilder.Summarize(Course, profile, trace);
        }
    }

    /// <summary>
    /// All statements, learner after learner (learner 0 first); each learner's statements are in time order,
    /// a voiding statement after the statement it voids. Streams: memory is one learner at a time.
    /// </summary>
    public IEnumerable<GeneratedStatement> Statements()
    {
        var simulator = new LearnerSimulator(Options, Course, Cohorts);
        var serializer = new StatementSerializer(Options.Seed, Course);
        var builder = new TruthBuilder(Options, Course, Cohorts);
        var trace = new List<TraceEvent>(256);
        for (var i = 0; i < Options.Learners; i++)
        {
            var profile = simulator.Simulate(i, trace);
            var actor = StatementSerializer.Actor(profile.Learner);
            for (var k = 0; k < trace.Count; k++)
            {
                yield return Make(serializer, i, actor, trace[k]);
            }

            builder.Add(profile, trace);
        }

        Interlocked.CompareExchange(ref truth, builder.Build(), null);
    }

    /// <summary>
    /// All statements in global time order (timestamp, then learner index, then creation order); the same set as
    /// <see cref="Statements"/>. Bounded memory: the period is cut into windows (default 7 days); for each window
    /// every learner who may be active is re-simulated and only that window's events are kept (about 100 bytes
    /// per statement, no JSON), sorted, then serialized as they are yielded. Costs one simulation pass per window
    /// on top of the serialization.
    /// </summary>
    public IEnumerable<GeneratedStatement> StatementsInTimeOrder(TimeSpan? window = null)
    {
        var width = (long)(window ?? TimeSpan.FromDays(7)).TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1000L, nameof(window));
        var simulator = new LearnerSimulator(Options, Course, Cohorts);
        var serializer = new StatementSerializer(Options.Seed, Course);
        var trace = new List<TraceEvent>(256);
        var buffer = new List<(TraceEvent Event, int Learner, string Actor)>();
        var start = (long)(Options.CourseStart.DayNumber - JsonText.UnixEpochDayNumber - 1) * Day;
        var end = Options.PeriodEnd.ToUnixTimeMilliseconds();
        var cohortStart = Cohorts.Select(c => (long)(c.StartDate.DayNumber - JsonText.UnixEpochDayNumber - 1) * Day).ToArray();
        for (var from = start; from < end; from += width)
        {
            var to = from + width;
            buffer.Clear();
            for (var i = 0; i < Options.Learners; i++)
            {
                if (cohortStart[simulator.Profile(i, out _).Learner.Cohort] >= to)
                {
                    continue; // not started yet in this window
                }

                var profile = simulator.Simulate(i, trace);
                if (trace.Count == 0 || trace[^1].Time < from)
                {
                    continue;
                }

                string? actor = null;
                foreach (var e in trace)
                {
                    if (e.Time >= from && e.Time < to)
                    {
                        actor ??= StatementSerializer.Actor(profile.Learner);
                        buffer.Add((e, i, actor));
                    }
                }
            }

            buffer.Sort(static (a, b) =>
                a.Event.Time != b.Event.Time ? a.Event.Time.CompareTo(b.Event.Time)
                : a.Learner != b.Learner ? a.Learner.CompareTo(b.Learner)
                : a.Event.Seq.CompareTo(b.Event.Seq));
            foreach (var item in buffer)
            {
                yield return Make(serializer, item.Learner, item.Actor, item.Event);
            }
        }
    }

    /// <summary>Writes one compact statement per line ("\n"); returns the number written.</summary>
    public long WriteJsonLines(TextWriter writer, bool timeOrdered = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        long count = 0;
        foreach (var statement in timeOrdered ? StatementsInTimeOrder() : Statements())
        {
            writer.Write(statement.Json);
            writer.Write('\n');
            count++;
        }

        return count;
    }

    private static GeneratedStatement Make(StatementSerializer serializer, int learner, string actor, in TraceEvent e) =>
        new(serializer.Id(learner, e.Seq), DateTimeOffset.FromUnixTimeMilliseconds(e.Time), serializer.Serialize(learner, actor, e), learner, e.Kind, e.Label);

    /// <summary>Statements the first <paramref name="learners"/> learners would emit (dry run, no JSON).</summary>
    internal static long DryRunStatementCount(GeneratorOptions options, int learners)
    {
        var course = CourseBuilder.Build(options);
        var simulator = new LearnerSimulator(options, course, LearnerSimulator.BuildCohorts(options));
        var trace = new List<TraceEvent>(256);
        long total = 0;
        for (var i = 0; i < learners; i++)
        {
            simulator.Simulate(i, trace);
            total += trace.Count;
        }

        return total;
    }
}
