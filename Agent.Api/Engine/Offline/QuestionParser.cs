using System.Globalization;
using System.Text.RegularExpressions;

namespace Agent.Api.Engine.Offline;

/// <summary>
/// The offline engine's parser for this domain: measures, lessons by number, ordinal, name or fragment, cohorts,
/// dates in words, rankings, comparisons and free-text search, with typos within one or two letters of a known word
/// corrected. Whatever it cannot place makes it decline, naming the word, rather than guess.
/// </summary>
public sealed partial class QuestionParser(CourseCatalog catalog, DateTimeOffset now)
{
    private readonly List<string> _assumptions = [];

    /// <summary>Measures in the order they win when several words appear ("how many learners completed" is Completed).</summary>
    private static readonly (Measure Measure, Regex Pattern)[] MeasureRules =
    [
        (Measure.Dropoff, Rx(@"\b(drop\s*-?\s*offs?|dropoffs?|drop(ping|ped)?\s*out|dropouts?|stopped|stop(ping)?|quit(ting)?|g[ai]ve\s+up|funnel|los(e|es|ing|t)|abandon\w*|churn\w*|furthest)\b")),
        (Measure.CompletionRate, Rx(@"\b(completion|complete|finish|finishing)\s+rates?\b|\brates?\s+of\s+(completion|finishing)\b|\b(percent(age)?|share|proportion|fraction|%)\s+(of\s+\w+\s+)?(who\s+|that\s+)?(complet|finish)\w*")),
        (Measure.TimeToComplete, Rx(@"\btime\s+to\s+(complete|finish)\b|\bhow\s+long\b|\bminutes\b|\bduration\b|\btakes?\s+to\s+(complete|finish)\b")),
        (Measure.AtRisk, Rx(@"\bat\s*-?\s*risk\b|\bstruggl\w*|\bproblematic\b|\bfalling\s+behind\b|\bdisengaged\b|\binactive\b|\bneed(s)?\s+help\b")),
        (Measure.Sentiment, Rx(@"\bsentiment\b|\bmood\b|\btone\b|\bfeel(ing|ings)?\b|\bpositive\b|\bnegative\b|\bhappy\b|\bupset\b")),
        (Measure.QuestionAnswers, Rx(@"\b(answers?|responses?|replies|answered|responded|correct|right)\b.*\b(per|each|every|by)\s+(question|card|quiz|poll)\b|\b(quiz|poll)\s+(results?|scores?|answers?)\b|\bcorrect(ly)?\b|\bright\s+answers?\b|\b(questions?|cards?)\s+(answers?|responses?)\b")),
        (Measure.Engagement, Rx(@"\bengag\w*|\bactive\b|\bactivity\b|\bdaily\b|\bweekly\b|\b(per|by|each|every)\s+(day|week)\b|\btrend\w*|\bover\s+time\b")),
        (Measure.Completed, Rx(@"\bcomplet\w*|\bfinish\w*|\bdone\b")),
        (Measure.Started, Rx(@"\bstart\w*|\bbeg[au]n\b|\breach\w*|\bopen\w*|\btook\b|\btried\b|\battempt\w*|\bentered\b")),
        (Measure.FreeTextAnswers, Rx(@"\b(free\s*-?\s*text|written|open\s*-?\s*ended|reflections?)\b")),
        (Measure.LessonAnswers, Rx(@"\b(answers?|responses?|replies|answered|responded|submissions?)\b")),
        (Measure.LessonCount, Rx(@"\b(how\s+many|number\s+of|count\s+of)\s+lessons\b|\blessons\s+(are\s+)?there\b")),
        (Measure.Statements, Rx(@"\bstatements?\b|\bevents?\b|\bxapi\b|\binteractions?\b")),
        (Measure.Learners, Rx(@"\b(how\s+many|number\s+of|count\s+of|total)\s+(learners?|users?|people|students?|participants?)\b|\b(learners?|users?|people|students?|participants?)\s+(are\s+)?there\b|\benroll\w*|\bsigned\s+up\b")),
        (Measure.Overview, Rx(@"\boverview\b|\bsummar\w+|\bkpis?\b|\bat\s+a\s+glance\b|\bhow\s+(is|are)\s+(the\s+course|we|things)\s+(doing|going)\b|\bdashboard\b")),
    ];

    public ParseResult Parse(string message, Intent? previous)
    {
        var text = Normalize(message);
        if (text.Length == 0)
        {
            return ParseResult.Declined("the message is empty");
        }
        text = CorrectTypos(text);

        string? search = null;
        if (SearchPattern().Match(text) is { Success: true } found)
        {
            search = found.Groups["terms"].Value.Trim();
            text = text.Remove(found.Groups["terms"].Index, found.Groups["terms"].Length);
        }

        var cohort = ExtractCohort(ref text, out var cohortProblem);
        if (cohortProblem is not null)
        {
            return ParseResult.Declined(cohortProblem);
        }
        var range = ExtractRange(ref text, out var rangeProblem);
        if (rangeProblem is not null)
        {
            return ParseResult.Declined(rangeProblem);
        }
        var lessons = ExtractLessons(ref text, out var lessonProblem);
        if (lessonProblem is not null)
        {
            return ParseResult.Declined(lessonProblem);
        }
        var (top, ascending) = ExtractRanking(ref text);
        string? interval = null;
        if (Rx(@"\b(daily|per\s+day|by\s+day|each\s+day|every\s+day|day\s+by\s+day)\b").IsMatch(text))
        {
            interval = "day";
        }
        else if (Rx(@"\b(weekly|per\s+week|by\s+week|each\s+week|every\s+week|week\s+by\s+week)\b").IsMatch(text))
        {
            interval = "week";
        }

        Measure? measure = search is { Length: > 0 } ? Measure.Search : null;
        var rest = text;
        foreach (var (candidate, pattern) in MeasureRules)
        {
            if (pattern.IsMatch(rest))
            {
                measure ??= candidate;
                rest = pattern.Replace(rest, " ");
            }
        }

        var unknown = Tokens(rest).Where(token => !Vocabulary.Filler.Contains(token) && !IsLessonWord(token) && !IsNumber(token)).Distinct().ToList();
        if (unknown.FirstOrDefault(Vocabulary.Writes.Contains) is { } write)
        {
            return ParseResult.Declined($"\"{write}\" asks to change data; I only read the course's data and answer questions about it");
        }
        if (unknown.Count > 0)
        {
            return ParseResult.Declined($"I did not understand \"{string.Join("\", \"", unknown)}\" here");
        }

        if (measure is null)
        {
            // A follow-up: the previous question with what this message changes (a lesson, a cohort, a period, a ranking).
            if (previous is not null && (lessons.Count > 0 || cohort is not null || range is not null || top is not null || interval is not null))
            {
                _assumptions.Add("a follow-up to the previous question");
                return Accept(previous with
                {
                    Lessons = lessons.Count > 0 ? lessons : previous.Lessons,
                    Cohort = cohort ?? previous.Cohort,
                    Range = range ?? previous.Range,
                    Top = top ?? previous.Top,
                    Ascending = top is not null ? ascending : previous.Ascending,
                    Interval = interval ?? previous.Interval,
                });
            }
            return ParseResult.Declined("I could not tell what to measure");
        }

        if (measure == Measure.LessonAnswers && lessons.Count == 0 && top is null)
        {
            measure = Measure.Answers;
        }
        if (measure == Measure.QuestionAnswers && lessons.Count == 0)
        {
            return ParseResult.Declined("I answer questions about cards one lesson at a time: which lesson do you mean?");
        }
        return Accept(new Intent(measure.Value, lessons, cohort, range, top, ascending, interval, search));
    }

    private ParseResult Accept(Intent intent) => new(intent, _assumptions, null);

    internal static string Normalize(string message)
    {
        var text = message.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"');
        text = Rx(@"'s\b").Replace(text, "");
        text = Rx(@"[^\p{L}\p{N}\s\-:/%""'.,&]").Replace(text, " ");
        text = Rx(@"(?<!\d)[.,](?!\d)").Replace(text, " ");
        return Rx(@"\s+").Replace(text, " ").Trim();
    }

    private static IEnumerable<string> Tokens(string text) =>
        Rx(@"[\p{L}\p{N}]+").Matches(text).Select(match => match.Value);

    private static bool IsNumber(string token) => token.All(char.IsDigit);

    private bool IsLessonWord(string token) =>
        catalog.Lessons.Any(lesson => Tokens(Normalize(lesson.Name)).Contains(token));

    /// <summary>
    /// A word unknown to the vocabulary, the month names and the lesson names, within one letter (two from seven letters
    /// up) of exactly one known word, is read as that word: "compleiton" is "completion", "lesosn" is "lesson".
    /// </summary>
    private string CorrectTypos(string text)
    {
        var known = KnownWords();
        return Rx(@"\p{L}{4,}").Replace(text, match =>
        {
            var word = match.Value;
            if (known.Contains(word))
            {
                return word;
            }
            var allowed = word.Length >= 7 ? 2 : 1;
            var candidates = known.Where(candidate => Math.Abs(candidate.Length - word.Length) <= allowed && Distance(word, candidate) <= allowed)
                .GroupBy(candidate => Distance(word, candidate)).OrderBy(group => group.Key).FirstOrDefault()?.ToList();
            return candidates is [var only] ? only : word;
        });
    }

    private HashSet<string> KnownWords()
    {
        var known = new HashSet<string>(Vocabulary.Filler, StringComparer.Ordinal);
        known.UnionWith(Vocabulary.Months);
        known.UnionWith(catalog.Lessons.SelectMany(lesson => Tokens(Normalize(lesson.Name))));
        known.UnionWith([
            "dropoff", "drop", "off", "stopped", "quit", "funnel", "lose", "losing", "abandon", "completion", "complete", "completed",
            "finish", "finished", "minutes", "duration", "long", "risk", "struggling", "problematic", "inactive", "sentiment", "mood",
            "feel", "feeling", "positive", "negative", "engagement", "engaged", "active", "activity", "daily", "weekly", "trend",
            "started", "start", "began", "reached", "opened", "answers", "answer", "responses", "response", "replies", "answered",
            "statements", "events", "correct", "overview", "summary", "reflections", "written", "yesterday", "today", "last",
            "between", "since", "cohort", "cohorts", "learners", "lessons", "versus", "compare", "percentage", "proportion",
            "mention", "mentioned", "say", "said", "saying", "write", "wrote", "talk", "about", "free", "text", "open", "ended",
        ]);
        return known;
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    private List<int> ExtractLessons(ref string text, out string? problem)
    {
        problem = null;
        var places = new List<int>();
        var count = catalog.Lessons.Count;

        // "lesson 3", "lessons 2 and 5", "lesson 2 vs lesson 5", "lessons 2 to 4", "lesson three"
        var numbers = Rx(@"\b(?:lessons?|l)\s*(?<n>\d+|" + string.Join('|', Vocabulary.NumberWords) + @")(?<more>(?:\s*(?:,|and|&|vs|versus|or|to|through|-|compared\s+(?:to|with))\s*(?:lessons?\s*)?(?:\d+|" + string.Join('|', Vocabulary.NumberWords) + @")\b)*)");
        foreach (Match match in numbers.Matches(text))
        {
            var values = new List<int> { NumberValue(match.Groups["n"].Value) };
            var isRange = Rx(@"\b(to|through)\b|-").IsMatch(match.Groups["more"].Value) && !Rx(@"\b(and|vs|versus|or)\b|,").IsMatch(match.Groups["more"].Value);
            values.AddRange(Rx(@"\d+|" + string.Join('|', Vocabulary.NumberWords)).Matches(match.Groups["more"].Value).Select(m => NumberValue(m.Value)));
            if (isRange && values.Count == 2)
            {
                values = Enumerable.Range(values[0], Math.Max(0, values[1] - values[0] + 1)).ToList();
            }
            places.AddRange(values);
        }
        text = numbers.Replace(text, " ");

        var ordinal = Rx(@"\b(?:the\s+)?(?<o>" + string.Join('|', Vocabulary.Ordinals) + @"|last|final)\s+lesson\b");
        foreach (Match match in ordinal.Matches(text))
        {
            var word = match.Groups["o"].Value;
            places.Add(word is "last" or "final" ? count : Array.IndexOf(Vocabulary.Ordinals, word) + 1);
        }
        text = ordinal.Replace(text, " lesson ");

        // By name: a quoted fragment, the whole name, or a word of exactly one lesson's name next to "lesson".
        foreach (Match quoted in Rx(@"[""'](?<f>[^""']{3,})[""']").Matches(text))
        {
            var fragment = quoted.Groups["f"].Value.Trim();
            var matches = catalog.Lessons.Where(lesson => Normalize(lesson.Name).Contains(fragment, StringComparison.Ordinal)).ToList();
            if (matches.Count != 1)
            {
                problem = matches.Count == 0
                    ? $"no lesson is named like \"{fragment}\""
                    : $"\"{fragment}\" matches several lessons ({string.Join(", ", matches.Select(Describe))})";
                return places;
            }
            places.Add(matches[0].Place);
            text = text.Replace(quoted.Value, " ");
        }
        foreach (var lesson in catalog.Lessons)
        {
            var name = Normalize(lesson.Name);
            if (name.Length > 0 && Rx(@"\b" + Regex.Escape(name) + @"\b").IsMatch(text))
            {
                places.Add(lesson.Place);
                text = Rx(@"\b" + Regex.Escape(name) + @"\b").Replace(text, " lesson ");
            }
        }
        var named = Rx(@"\b(?:the\s+)?(?<w>\p{L}{4,})\s+lesson\b|\blesson\s+(?:on|about)\s+(?<w>\p{L}{4,})\b");
        foreach (Match match in named.Matches(text))
        {
            var word = match.Groups["w"].Value;
            if (Vocabulary.Filler.Contains(word) && !catalog.Lessons.Any(lesson => Tokens(Normalize(lesson.Name)).Contains(word)))
            {
                continue;
            }
            var matches = catalog.Lessons.Where(lesson => Tokens(Normalize(lesson.Name)).Contains(word)).ToList();
            if (matches.Count == 1)
            {
                places.Add(matches[0].Place);
                text = text.Replace(match.Value, " lesson ");
            }
        }

        if (places.Where(place => place < 1 || place > count).ToList() is [var missing, ..])
        {
            problem = count == 0
                ? "there are no lessons in the data yet"
                : $"the course has lessons 1 to {count}; there is no lesson {missing}";
            return places;
        }
        var distinct = places.Distinct().Order().ToList();
        foreach (var place in distinct)
        {
            _assumptions.Add($"lesson {place} is \"{catalog.Lessons[place - 1].Name}\" ({Ordinal(place)} in the course order)");
        }
        return distinct;
    }

    private static int NumberValue(string text) =>
        int.TryParse(text, out var value) ? value : Array.IndexOf(Vocabulary.NumberWords, text) + 1;

    private string? ExtractCohort(ref string text, out string? problem)
    {
        problem = null;
        var match = Rx(@"\bcohort\s+(?:of\s+|starting\s+|from\s+)?(?<c>\d{4}-\d{2}-\d{2}|[a-z]|\d+)\b").Match(text);
        if (!match.Success)
        {
            return null;
        }
        text = text.Remove(match.Index, match.Length);
        var key = match.Groups["c"].Value;
        var cohort = int.TryParse(key, out var index)
            ? catalog.Cohorts.ElementAtOrDefault(index - 1)
            : catalog.Cohorts.FirstOrDefault(c => c.Letter.Equals(key, StringComparison.OrdinalIgnoreCase) || c.Week.ToString("yyyy-MM-dd") == key);
        if (cohort is null)
        {
            problem = $"there is no cohort {key}; the cohorts are {string.Join(", ", catalog.Cohorts.Select(c => $"{c.Letter} (week of {c.Week:yyyy-MM-dd})"))}";
            return null;
        }
        _assumptions.Add($"cohort {cohort.Letter} is the {cohort.Learners} learners whose first statement fell in the week of {cohort.Week:yyyy-MM-dd}");
        return cohort.Week.ToString("yyyy-MM-dd");
    }

    private static (int? Top, bool Ascending) ExtractRanking(ref string text)
    {
        var ascending = Rx(@"\b(lowest|fewest|worst|least|bottom|smallest|weakest|poorest)\b").IsMatch(text);
        var descending = Rx(@"\b(highest|most|best|top|biggest|largest|greatest|strongest)\b").IsMatch(text);
        int? top = null;
        if (Rx(@"\b(?:top|bottom|best|worst|highest|lowest|first)\s+(?<n>\d+|" + string.Join('|', Vocabulary.NumberWords) + @")\b|\b(?<n>\d+|" + string.Join('|', Vocabulary.NumberWords) + @")\s+(?:best|worst|highest|lowest|top|most|least|fewest)\b").Match(text) is { Success: true } counted)
        {
            top = NumberValue(counted.Groups["n"].Value);
            text = text.Remove(counted.Index, counted.Length).Insert(counted.Index, " top ");
        }
        else if ((ascending || descending) && Rx(@"\b(which|what)\s+(lesson|one)|\bwhere\b").IsMatch(text))
        {
            top = 1;
        }
        return (top, ascending && !descending);
    }

    private DateRange? ExtractRange(ref string text, out string? problem)
    {
        problem = null;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var month = string.Join('|', Vocabulary.Months.Select(name => name[..3] + (name.Length > 3 ? "(?:" + name[3..] + ")?" : "")));
        var date = $@"(?:\d{{4}}-\d{{2}}-\d{{2}}|(?:{month})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month})(?:\s+\d{{4}})?)";

        DateRange? range = null;
        Match match;
        if ((match = Rx($@"\b(?:between|from)\s+(?<a>{date})\s+(?:and|to|until|till|-)\s+(?<b>{date})").Match(text)).Success)
        {
            var (a, b) = (ParseDate(match.Groups["a"].Value), ParseDate(match.Groups["b"].Value));
            if (a is null || b is null || b < a)
            {
                problem = $"I could not read the dates in \"{match.Value}\"";
                return null;
            }
            range = Days(a.Value, b.Value.AddDays(1), $"{a:yyyy-MM-dd} to {b:yyyy-MM-dd} (both days included)");
        }
        else if ((match = Rx($@"\b(?:since|after)\s+(?<a>{date})").Match(text)).Success && ParseDate(match.Groups["a"].Value) is { } since)
        {
            range = Days(since, today.AddDays(1), $"since {since:yyyy-MM-dd}");
        }
        else if ((match = Rx($@"\b(?:on\s+)?(?<a>{date})").Match(text)).Success && ParseDate(match.Groups["a"].Value) is { } day)
        {
            range = Days(day, day.AddDays(1), $"{day:yyyy-MM-dd} (UTC)");
        }
        else if ((match = Rx($@"\b(?:(?:in|during)\s+(?<m>{month})(?:\s+(?<y>\d{{4}}))?|(?<m>{month})\s+(?<y>\d{{4}}))\b").Match(text)).Success)
        {
            var number = Array.FindIndex(Vocabulary.Months, name => name.StartsWith(match.Groups["m"].Value[..3], StringComparison.Ordinal)) + 1;
            int year;
            if (match.Groups["y"].Success)
            {
                year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
            }
            else
            {
                // A month without a year is the latest one that has begun by the data's last statement (or today).
                var reference = catalog.AsOf is { } asOf ? DateOnly.FromDateTime(asOf.UtcDateTime) : today;
                year = number <= reference.Month ? reference.Year : reference.Year - 1;
            }
            var first = new DateOnly(year, number, 1);
            range = Days(first, first.AddMonths(1), $"{first:MMMM yyyy}");
        }
        else if ((match = Rx(@"\b(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?<w>last|past|previous|this|current)\s+(?:(?<n>\d+|" + string.Join('|', Vocabulary.NumberWords) + @")\s+)?(?<u>days?|weeks?|months?)\b|\b(?<y>yesterday|today)\b").Match(text)).Success)
        {
            range = Relative(match, today);
        }
        if (range is not null)
        {
            text = text.Remove(match.Index, match.Length).Insert(match.Index, " ");
            _assumptions.Add($"period: {range.Description}, by statement time, end exclusive");
        }
        return range;
    }

    private static DateRange Relative(Match match, DateOnly today)
    {
        if (match.Groups["y"].Success)
        {
            var day = match.Groups["y"].Value == "today" ? today : today.AddDays(-1);
            return Days(day, day.AddDays(1), $"{match.Groups["y"].Value}, {day:yyyy-MM-dd} (UTC)");
        }
        var unit = match.Groups["u"].Value.TrimEnd('s');
        var current = match.Groups["w"].Value is "this" or "current";
        var n = match.Groups["n"].Success ? NumberValue(match.Groups["n"].Value) : 1;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        return (unit, current, match.Groups["n"].Success) switch
        {
            ("day", _, _) => Days(today.AddDays(-n + 1), today.AddDays(1), $"the last {n} days to {today:yyyy-MM-dd}"),
            ("week", true, _) => Days(monday, monday.AddDays(7), $"this week (from Monday {monday:yyyy-MM-dd})"),
            ("week", false, false) => Days(monday.AddDays(-7), monday, $"last week (Monday {monday.AddDays(-7):yyyy-MM-dd} to Sunday {monday.AddDays(-1):yyyy-MM-dd})"),
            ("week", false, true) => Days(today.AddDays(-7 * n + 1), today.AddDays(1), $"the last {n} weeks to {today:yyyy-MM-dd}"),
            ("month", true, _) => Days(firstOfMonth, firstOfMonth.AddMonths(1), $"this month ({firstOfMonth:MMMM yyyy})"),
            ("month", false, false) => Days(firstOfMonth.AddMonths(-1), firstOfMonth, $"last month ({firstOfMonth.AddMonths(-1):MMMM yyyy})"),
            _ => Days(today.AddMonths(-n).AddDays(1), today.AddDays(1), $"the last {n} months to {today:yyyy-MM-dd}"),
        };
    }

    private static DateRange Days(DateOnly from, DateOnly to, string description) =>
        new(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), description);

    private DateOnly? ParseDate(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }
        var words = Rx(@"(st|nd|rd|th)\b|\bof\b").Replace(text, "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var monthWord = words.First(word => !char.IsDigit(word[0]));
        var month = Array.FindIndex(Vocabulary.Months, name => name.StartsWith(monthWord[..3], StringComparison.Ordinal)) + 1;
        var numbers = words.Where(word => char.IsDigit(word[0])).Select(int.Parse).ToList();
        var day = numbers.First(number => number <= 31);
        var reference = catalog.AsOf is { } asOf ? DateOnly.FromDateTime(asOf.UtcDateTime) : DateOnly.FromDateTime(now.UtcDateTime);
        var year = numbers.FirstOrDefault(number => number > 31, month <= reference.Month ? reference.Year : reference.Year - 1);
        return month < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) ? null : new DateOnly(year, month, day);
    }

    internal static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static string Describe(CatalogLesson lesson) => $"lesson {lesson.Place} \"{lesson.Name}\"";

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\b(?:say|says|saying|said|write|wrote|writing|written|mention(?:s|ed|ing)?|talk(?:s|ed|ing)?|think|comment(?:s|ed)?|answers?|responses?)\s+(?:about|on|regarding)\s+(?<terms>.+?)(?=\s+(?:in|for|during|on|from|since|between|by|among)\s+(?:lesson|lessons|cohort|the|\d|last|this|january|february|march|april|may|june|july|august|september|october|november|december)\b|\s*\?|$)|\bmention(?:s|ed|ing)?\s+(?<terms>(?!about\b)[\p{L}""' ]+?)(?=\s+(?:in|for|during|on|from|since|between|by)\s|\s*\?|$)")]
    private static partial Regex SearchPattern();
}
