using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SevenTaps.Generator;

/// <summary>
/// Command line: <c>generate --out DIR [options]</c> writes statements.jsonl, truth.json and lesson_mapping.json
/// (and labels.jsonl with --labels).
/// </summary>
internal static class Cli
{
    public const string Usage = """
        usage: SevenTaps.Generator generate --out DIR [options]

          --seed N              random seed (default 1)
          --learners N          number of learners (default 200)
          --statements N        aim for about N statements (picks cards per lesson and retention)
          --lessons N           lessons in the course (default 10)
          --cards MIN-MAX       answerable cards per lesson (default 8-14)
          --cohorts N           cohorts (default 4)
          --cohort-spread F     share of the period over which cohorts start (default 0.6)
          --weeks N             length of the period in weeks (default 12)
          --start YYYY-MM-DD    first day of the period (default 2025-09-01)
          --end-at TIME|now     end the period at this UTC instant (ISO 8601) instead: its last day is that day,
                                a course still in progress then (overrides --start)
          --voided-fraction F   share of answered statements voided later (default 0.002)
          --retention F         mean lesson-to-lesson retention (default 0.89)
          --base-url URL        course base URL (default https://courses.practiceoflife.com)
          --time-ordered        write statements in global time order (default: learner by learner)
          --labels              also write labels.jsonl (statement id, theme, tone, concerning) for form answers

        writes DIR/statements.jsonl (one compact statement per line), DIR/truth.json (ground truth),
        DIR/lesson_mapping.json (course catalogue, same format as the real one)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] != "generate")
        {
            stderr.WriteLine($"unknown command '{args[0]}'");
            stderr.WriteLine(Usage);
            return 2;
        }

        try
        {
            return Generate(args[1..], stdout);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or IOException)
        {
            stderr.WriteLine("error: " + ex.Message);
            return 2;
        }
    }

    private static int Generate(string[] args, TextWriter stdout)
    {
        var options = new GeneratorOptions();
        string? outDir = null;
        long? target = null;
        DateTimeOffset? endAt = null;
        var timeOrdered = false;
        var labels = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            double Dbl() => double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture);
            switch (name)
            {
                case "--out": outDir = Value(); break;
                case "--seed": options = options with { Seed = Int() }; break;
                case "--learners": options = options with { Learners = Int() }; break;
                case "--statements": target = long.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture); break;
                case "--lessons": options = options with { LessonCount = Int() }; break;
                case "--cohorts": options = options with { Cohorts = Int() }; break;
                case "--cohort-spread": options = options with { CohortSpread = Dbl() }; break;
                case "--weeks": options = options with { Weeks = Int() }; break;
                case "--start": options = options with { CourseStart = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture) }; break;
                case "--end-at":
                {
                    var value = Value();
                    endAt = value == "now" ? DateTimeOffset.UtcNow : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    break;
                }

                case "--voided-fraction": options = options with { VoidedFraction = Dbl() }; break;
                case "--retention": options = options with { LessonRetention = Dbl() }; break;
                case "--base-url": options = options with { BaseUrl = Value() }; break;
                case "--time-ordered": timeOrdered = true; break;
                case "--labels": labels = true; break;
                case "--cards":
                {
                    var parts = Value().Split('-');
                    var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
                    var max = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : min;
                    options = options with { MinCardsPerLesson = min, MaxCardsPerLesson = max };
                    break;
                }

                default: throw new ArgumentException($"unknown option '{name}'");
            }
        }

        if (outDir is null)
        {
            throw new ArgumentException("--out DIR is required");
        }

        if (endAt is { } end)
        {
            options = options.EndingAt(end);
        }

        if (target is { } t)
        {
            options = options.WithStatementCount(t);
        }

        var watch = Stopwatch.StartNew();
        var generator = new CourseGenerator(options);
        Directory.CreateDirectory(outDir);
        var statementsPath = Path.Combine(outDir, "statements.jsonl");
        long count = 0;
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using (var file = new FileStream(statementsPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20))
        using (var writer = new StreamWriter(file, utf8, 1 << 16))
        using (var labelWriter = labels ? new StreamWriter(Path.Combine(outDir, "labels.jsonl"), false, utf8) : null)
        {
            foreach (var s in timeOrdered ? generator.StatementsInTimeOrder() : generator.Statements())
            {
                writer.Write(s.Json);
                writer.Write('\n');
                count++;
                if (labelWriter is not null && s.FreeText is { } label)
                {
                    labelWriter.Write(JsonSerializer.Serialize(new { statementId = s.Id, theme = label.Theme, tone = label.Tone, concerning = label.Concerning }));
                    labelWriter.Write('\n');
                }
            }
        }

        var truth = generator.Truth;
        File.WriteAllText(Path.Combine(outDir, "truth.json"), truth.ToJson() + "\n", utf8);
        File.WriteAllText(Path.Combine(outDir, "lesson_mapping.json"),
            generator.Course.ToLessonMappingJson(new DateTimeOffset(options.CourseStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)) + "\n", utf8);
        watch.Stop();

        var size = new FileInfo(statementsPath).Length;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {count} statements ({size / 1048576.0:F1} MiB) for {truth.Learners} learners, {truth.Lessons.Count} lessons, {truth.Voided} voided, in {watch.Elapsed.TotalSeconds:F1} s -> {outDir}"));
        return 0;
    }
}
