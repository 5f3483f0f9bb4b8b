using System.Globalization;
using System.Text;
using Agent.Api.Guard;

namespace Agent.Api.Engine.Offline;

/// <summary>Markdown for an answer: the plain-words finding first, then the numbers as a table.</summary>
public static class AnswerWriter
{
    private const int TableRows = 25;

    /// <param name="learner">The learner's name (or id) when the question is about one learner.</param>
    public static string Write(Intent intent, CourseCatalog catalog, GuardedResult result, string? learner = null)
    {
        var scope = Scope(intent, catalog);
        var rows = result.Rows;
        var text = new StringBuilder();
        if (rows.Count == 0)
        {
            text.Append(intent.Measure switch
            {
                Measure.Flagged => $"No free-text answer{scope} contains a term of the watch list.",
                Measure.Themes => $"No free-text answers matched{scope}, so there are no themes to show.",
                Measure.TrendingThemes => $"No phrase {(intent.NewOnly ? "is new" : "rose")} in the free-text answers{scope} against the period before it" +
                    " (see the assumptions for how many answers each period had).",
                Measure.LearnerSummary => $"Learner **{learner}** has no recorded activity{scope}.",
                _ when intent.ByCohort => $"No cohort matched{scope}.",
                _ => $"No data matched{scope}: nothing was recorded there.",
            });
            return text.ToString();
        }
        var first = Row(result, 0);
        if (intent.ByCohort)
        {
            text.Append(Cohorts(intent, result, scope)).Append("\n\n").Append(Table(result));
            return text.ToString().TrimEnd();
        }
        text.Append(intent.Measure switch
        {
            Measure.Themes when D(first["answers_analysed"]) > 0 && first["phrase"] is null => $"No phrase recurs in the {N(first["answers_analysed"])} free-text answers{scope}.",
            Measure.Themes => $"The main themes in {N(first["answers_analysed"])} free-text answers{scope}: " +
                string.Join(", ", rows.Take(3).Select(row => $"**{row[0]}** ({N(row[1])} answers, {P(row[2])})")) + ".",
            Measure.TrendingThemes => $"{(intent.NewOnly ? "New" : "Rising")} in {N(first["answers_analysed"])} free-text answers{scope}, against " +
                $"{N(first["previous_answers_analysed"])} in the period before: " +
                string.Join(", ", rows.Take(3).Select(row => $"**{row[0]}** (+{N(row[3])}: {N(row[1])} answers, {N(row[2])} before)")) + ". The newest answers with them, quoted as written:",
            Measure.Flagged => $"**{N(first["flagged_answers"])}** free-text answer{(D(first["flagged_answers"]) == 1 ? "" : "s")}{scope} contain{(D(first["flagged_answers"]) == 1 ? "s" : "")} a term of the watch list" +
                (rows.Count < D(first["flagged_answers"])
                    ? $"; the newest {rows.Count}"
                    : $", from {Learners(rows.Select(row => row[result.Columns.ToList().IndexOf("learner")]).Distinct().Count())}") + ", quoted as written, newest first:",
            Measure.CardAnswers when intent.Card is null => LessonCards(result, scope),
            Measure.CardAnswers when result.Columns.Contains("choice") => CardAnswers(intent, result, scope),
            Measure.CardAnswers => $"Card {intent.Card!.Place} of lesson {intent.Card.Lesson} (\"{Short(intent.Card.Text)}\") has **{N(first["answers"])}** answers from {N(first["learners"])} learners{scope}.",
            Measure.LearnerSummary => Learner(learner ?? intent.Learner ?? "", result, scope),
            Measure.Learners => $"**{N(first["learners"])}** learners have at least one statement{scope}.",
            Measure.Statements => $"**{N(first["statements"])}** statements (learner activities) were recorded{scope}.",
            Measure.LessonCount => $"Learners worked in **{N(first["lessons"])}** lessons{scope}.",
            Measure.Answers => $"Learners gave **{N(first["answers"])}** answers{scope}.",
            Measure.FreeTextAnswers => $"Learners wrote **{N(first["free_text_answers"])}** free-text answers{scope}.",
            Measure.Overview => $"**{N(first["learners"])}** learners made **{N(first["statements"])}** statements in **{N(first["lessons"])}** lessons and gave **{N(first["answers"])}** answers; **{P(first["completion_rate"])}** of the lessons they started were completed{scope}.",
            Measure.CompletionRate when !result.Columns.Contains("lesson") =>
                $"**{P(first["completion_rate"])}** of started lessons were completed ({N(first["completed"])} of {N(first["started"])} learner-lessons){scope}.",
            Measure.Engagement when !result.Columns.Contains("day") && !result.Columns.Contains("week") =>
                $"**{N(first["active_learners"])}** learners were active, with **{N(first["statements"])}** statements{scope}.",
            Measure.Engagement => Busiest(result),
            Measure.Search => $"**{N(first["matching_answers"])}** answers mention \"{intent.Search}\"{scope}. The best matches, quoted as written:",
            Measure.AtRisk => $"**{rows.Count}** learners{(result.Truncated || rows.Count == (intent.Top ?? 50) ? " (the first ones)" : "")} have lessons left and no activity in the 7 days before the data's last statement{scope}.",
            Measure.Sentiment => $"Free-text answers{scope} by lesson: the mean VADER sentiment ranges from **{rows.Min(r => D(r[3])):0.###}** to **{rows.Max(r => D(r[3])):0.###}** (-1 negative, +1 positive).",
            Measure.QuestionAnswers => $"**{rows.Count}** cards{scope}; the most answered: \"{Short(rows.MaxBy(r => D(r[4]))![3])}\" ({N(rows.MaxBy(r => D(r[4]))![4])} answers).",
            _ => PerLesson(intent, result, scope),
        });
        text.Append("\n\n");
        if (intent.Measure == Measure.Flagged)
        {
            foreach (var row in result.Rows.Select((_, i) => Row(result, i)))
            {
                text.Append($"> {Quote(row["response_text"])}\n>\n> — lesson {row["lesson"]}, \"{Short(row["question_text"])}\", {Short(row["learner"])}, " +
                            $"{Day(row["timestamp"])}; watch-list terms: {row["matched_terms"]}\n\n");
            }
            return text.ToString().TrimEnd();
        }
        if (intent.Measure == Measure.TrendingThemes)
        {
            foreach (var row in rows.Take(3).Where(row => row[7] is not null))
            {
                text.Append($"> {Quote(row[7])}\n>\n> — with \"{row[0]}\"\n\n");
            }
            return text.Append(Table(result)).ToString().TrimEnd();
        }
        if (intent.Measure == Measure.Search)
        {
            foreach (var row in rows)
            {
                text.Append($"> {Quote(row[2])}\n>\n> — lesson {row[0]}, \"{Short(row[1])}\"\n\n");
            }
            return text.ToString().TrimEnd();
        }
        if (rows.Count > 1 || result.Columns.Count > 2)
        {
            text.Append(Table(result));
        }
        return text.ToString().TrimEnd();
    }

    private static string PerLesson(Intent intent, GuardedResult result, string scope)
    {
        var first = Row(result, 0);
        var lesson = $"lesson {first["lesson"]} \"{first["lesson_name"]}\"";
        string Facts(Dictionary<string, object?> row) => intent.Measure switch
        {
            Measure.Started => $"{N(row["started"])} learners started it",
            Measure.Completed => $"{N(row["completed"])} learners completed it",
            Measure.CompletionRate => $"{P(row["completion_rate"])} of the {N(row["started"])} learners who started it completed it ({N(row["completed"])})",
            Measure.TimeToComplete => row["median_minutes_to_complete"] is null ? "no learner completed it" : $"the median learner completed it {N(row["median_minutes_to_complete"])} minutes after their first statement in it ({N(row["completed"])} completed)",
            Measure.Dropoff => $"{N(row["reached"])} learners reached it and {N(row["stopped_here"])} went no further",
            Measure.LessonAnswers => $"learners gave {N(row["answers"])} answers",
            _ => "",
        };
        if (result.Rows.Count == 1)
        {
            return $"In {lesson}{scope}, {Facts(first)}.";
        }
        if (intent.Top is not null)
        {
            var order = intent.Ascending ? "lowest" : "highest";
            return $"{Capitalize(lesson)} ranks first ({order}){scope}: {Facts(first)}.";
        }
        if (intent.Measure == Measure.Dropoff)
        {
            var worst = Enumerable.Range(0, result.Rows.Count - 1).Select(i => Row(result, i)).MaxBy(row => D(row["stopped_here"]));
            return worst is null
                ? $"The course funnel{scope}:"
                : $"Most learners who stopped before the last lesson stopped at lesson {worst["lesson"]} \"{worst["lesson_name"]}\" ({N(worst["stopped_here"])} of {N(worst["reached"])} who reached it){scope}. The funnel, in course order:";
        }
        if (intent.Lessons.Count == 2)
        {
            var second = Row(result, 1);
            return $"In {lesson}, {Facts(first)}; in lesson {second["lesson"]} \"{second["lesson_name"]}\", {Facts(second)}{scope}.";
        }
        return $"Per lesson, in course order{scope}:";
    }

    private static string CardAnswers(Intent intent, GuardedResult result, string scope)
    {
        var card = intent.Card!;
        var first = Row(result, 0);
        var top = Enumerable.Range(0, result.Rows.Count).Select(i => Row(result, i)).MaxBy(row => D(row["answers"]))!;
        var correct = result.Rows.Select((_, i) => Row(result, i)).Where(row => row["correct"] is true).Select(row => $"\"{Short(row["choice"])}\"").ToList();
        return $"Learners answered card {card.Place} of lesson {card.Lesson}, the {(card.Type == "rate" ? "rating card" : card.Type)} \"{Short(card.Text)}\", " +
               $"**{N(first["card_answers"])}** times ({N(first["card_learners"])} learners){scope}. The most chosen: **{Short(top["choice"])}** ({N(top["answers"])}, {P(top["share"])})" +
               (correct.Count > 0 ? $"; the correct answer is {string.Join(" and ", correct)}." : ".");
    }

    /// <summary>A lesson's choice cards: each card's most chosen choice, then the table of every choice.</summary>
    private static string LessonCards(GuardedResult result, string scope)
    {
        var cards = Enumerable.Range(0, result.Rows.Count).Select(i => Row(result, i)).GroupBy(row => D(row["card"])).ToList();
        return $"Lesson {Row(result, 0)["lesson"]} has {cards.Count} card{(cards.Count == 1 ? "" : "s")} with choices{scope}; the most chosen on each: " +
               string.Join("; ", cards.Select(card =>
               {
                   var top = card.MaxBy(row => D(row["answers"]))!;
                   return $"card {card.Key} \"{Short(top["question_text"])}\": **{Short(top["choice"])}** ({N(top["answers"])} of {N(top["card_answers"])})";
               })) + ".";
    }

    private static string Cohorts(Intent intent, GuardedResult result, string scope)
    {
        var column = VerifiedQueries.CohortRankColumn(intent.Measure);
        string Value(Dictionary<string, object?> row) => column == "completion_rate" ? P(row[column]) : N(row[column]);
        string Name(Dictionary<string, object?> row) => $"cohort {row["cohort"]} (week of {row["week"]}, {N(row["learners"])} learners)";
        var what = column.Replace('_', ' ');
        var first = Row(result, 0);
        if (intent.Top is not null)
        {
            return $"{Capitalize(Name(first))} ranks first ({(intent.Ascending ? "lowest" : "highest")} {what}){scope}: **{Value(first)}**" +
                   (column == "statements_per_learner" ? $" ({N(first["statements"])} statements, {N(first["active_learners"])} active learners)." : ".");
        }
        var rows = Enumerable.Range(0, result.Rows.Count).Select(i => Row(result, i)).ToList();
        var high = rows.MaxBy(row => D(row[column]))!;
        var low = rows.MinBy(row => D(row[column]))!;
        return rows.Count == 1
            ? $"{Capitalize(Name(first))}{scope}: {what} **{Value(first)}**."
            : $"By {what}{scope}, {Name(high)} is highest (**{Value(high)}**) and {Name(low)} lowest (**{Value(low)}**). Per cohort:";
    }

    private static string Learner(string learner, GuardedResult result, string scope)
    {
        var rows = Enumerable.Range(0, result.Rows.Count).Select(i => Row(result, i)).ToList();
        var completed = rows.Where(row => row["completed"] is true).Select(row => row["lesson"]).ToList();
        var last = rows.Select(row => row["last_at"] as string).Max(StringComparer.Ordinal);
        var first = rows.Select(row => row["first_at"] as string).Min(StringComparer.Ordinal);
        var started = rows.Count(row => row["lesson"] is not null);
        return $"Learner **{learner}** started **{started}** lesson{(started == 1 ? "" : "s")} and completed **{completed.Count}**" +
               (completed.Count > 0 ? $" (lesson{(completed.Count == 1 ? "" : "s")} {string.Join(", ", completed)})" : "") +
               $"{scope}, with **{N(rows.Sum(row => D(row["statements"])))}** statements and **{N(rows.Sum(row => D(row["answers"])))}** answers " +
               $"({N(rows.Sum(row => D(row["free_text_answers"])))} free-text), from {Day(first)} to {Day(last)}. Per lesson:";
    }

    private static string Learners(int n) => n == 1 ? "one learner" : $"{n} learners";

    private static string Day(object? timestamp) => timestamp is string text && text.Length >= 10 ? text[..10] : "—";

    private static string Busiest(GuardedResult result)
    {
        var period = result.Columns[0];
        var busiest = result.Rows.MaxBy(row => D(row[1]))!;
        return $"The busiest {period} was **{busiest[0]}**, with {N(busiest[1])} active learners and {N(busiest[2])} statements; {result.Rows.Count} {period}s had activity.";
    }

    internal static string Scope(Intent intent, CourseCatalog catalog)
    {
        var parts = new List<string>();
        if (intent.Card is { } card)
        {
            if (intent.Measure != Measure.CardAnswers)
            {
                parts.Add($"to card {card.Place} of lesson {card.Lesson}");
            }
        }
        else if (intent.Measure is not (Measure.Started or Measure.Completed or Measure.CompletionRate or Measure.TimeToComplete or Measure.Dropoff or Measure.LessonAnswers)
                 || intent.Lessons.Count == 0 || intent.ByCohort)
        {
            if (intent.Lessons.Count > 0)
            {
                parts.Add("in " + string.Join(" and ", intent.Lessons.Select(place => $"lesson {place}")));
            }
        }
        if (intent.Cohort is { } cohort)
        {
            parts.Add($"for cohort {catalog.Cohorts.FirstOrDefault(c => c.Week.ToString("yyyy-MM-dd") == cohort)?.Letter ?? cohort} (week of {cohort})");
        }
        if (intent.Range is { } range)
        {
            parts.Add($"in {range.Description}");
        }
        if (intent.Search is { Length: > 0 } words && intent.Measure != Measure.Search)
        {
            parts.Add($"about \"{words}\"");
        }
        return parts.Count == 0 ? "" : " " + string.Join(", ", parts);
    }

    internal static string Table(GuardedResult result)
    {
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", result.Columns)).Append(" |\n");
        text.Append('|').Append(string.Concat(result.Columns.Select(_ => " --- |"))).Append('\n');
        foreach (var row in result.Rows.Take(TableRows))
        {
            text.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }
        if (result.Rows.Count > TableRows)
        {
            text.Append($"\n({result.Rows.Count - TableRows} more rows in the data below.)");
        }
        return text.ToString();
    }

    private static Dictionary<string, object?> Row(GuardedResult result, int index) =>
        result.Columns.Select((column, i) => (column, value: result.Rows[index][i])).ToDictionary(pair => pair.column, pair => pair.value);

    private static string Cell(object? value) => value switch
    {
        null => "",
        decimal or double or float => D(value).ToString("0.####", CultureInfo.InvariantCulture),
        long or int => N(value),
        _ => Short(value).Replace("|", "\\|"),
    };

    private static double D(object? value) => value is null ? double.NaN : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static string N(object? value) => value switch
    {
        null => "—",
        long or int or short => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture),
        _ => D(value).ToString("#,0.#", CultureInfo.InvariantCulture),
    };

    private static string P(object? value) => value is null ? "—" : (D(value) * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Short(object? value)
    {
        var text = (value?.ToString() ?? "").ReplaceLineEndings(" ").Replace("**", "");
        return text.Length > 80 ? text[..77] + "..." : text;
    }

    /// <summary>A learner's words as a Markdown quote: line breaks kept inside the quote, no markup of theirs rendered.</summary>
    private static string Quote(object? value) =>
        System.Net.WebUtility.HtmlEncode(value?.ToString() ?? "").ReplaceLineEndings("\n> ").Replace("*", "\\*").Replace("_", "\\_").Replace("[", "\\[");

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
