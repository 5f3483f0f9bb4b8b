namespace SevenTaps.Testing;

/// <summary>
/// The samples written for the tests (Samples/, copied to every test project's output): invented content in the
/// exact shapes of the real 7taps material. Samples/README.md says what is in them.
/// </summary>
public static class SampleFiles
{
    /// <summary>A learner answering a form card, as 7taps sends it.</summary>
    public const string Statement = "statement-answered-form.json";

    /// <summary>A response export (20 rows, 5 learners, 4 lessons, 7 cards).</summary>
    public const string Export = "responses-export.csv";

    /// <summary>A lesson catalogue (8 lessons, "0a", "0b" and 1..6).</summary>
    public const string Catalogue = "lesson_mapping.json";

    /// <summary>Lesson 1 of the sample catalogue ("Notice Your Habits"), the sample statement's lesson.</summary>
    public const string Lesson1Url = "https://courses.example.org/Kq4vRt8LmZ2a";

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public static string Read(string name) => File.ReadAllText(Path(name));
}

/// <summary>
/// The real 7taps material in <c>../shared/data/7taps</c> beside the repository (present only on the project's
/// machines; the repository does not hold it). Tests on it are <see cref="RealSampleFactAttribute"/>s.
/// </summary>
public static class RealSamples
{
    /// <summary>The statement 7taps really sent (a form card answered).</summary>
    public const string Statement = "statement-answered-form.json";

    /// <summary>The focus group's response export (373 rows, 15 learners, 10 lessons).</summary>
    public const string Export = "focus_group_responses_pseudonymized.csv";

    /// <summary>The course's lesson catalogue.</summary>
    public const string Catalogue = "lesson_mapping.json";

    /// <summary>The directory the real files would be in, or null when no SevenTaps.sln is above the test's output.</summary>
    public static string? Directory { get; } = FindDirectory();

    /// <summary>Where the real file is expected (it may be absent: see <see cref="Exists"/>).</summary>
    public static string Path(string name) =>
        System.IO.Path.Combine(Directory ?? throw new InvalidOperationException("No SevenTaps.sln above " + AppContext.BaseDirectory), name);

    public static bool Exists(string name) => Directory is not null && File.Exists(Path(name));

    public static string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>Why a test on these files is skipped, or null when they all exist.</summary>
    public static string? SkipReason(IEnumerable<string> names)
    {
        var missing = names.Where(name => !Exists(name)).ToList();
        return missing.Count == 0 ? null : $"needs the real 7taps sample {string.Join(", ", missing)} (../shared/data/7taps, present only on the project's machines)";
    }

    private static string? FindDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "SevenTaps.sln")))
            {
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(directory.FullName, "..", "shared", "data", "7taps"));
            }
        }
        return null;
    }
}

/// <summary>A fact on real 7taps files (<see cref="RealSamples"/>): skipped, saying which, where they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealSampleFactAttribute : Xunit.FactAttribute
{
    public RealSampleFactAttribute(params string[] files)
    {
        if (RealSamples.SkipReason(files) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory on real 7taps files (<see cref="RealSamples"/>): skipped, saying which, where they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealSampleTheoryAttribute : Xunit.TheoryAttribute
{
    public RealSampleTheoryAttribute(params string[] files)
    {
        if (RealSamples.SkipReason(files) is { } reason)
        {
            Skip = reason;
        }
    }
}
