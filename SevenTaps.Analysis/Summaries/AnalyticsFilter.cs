using System.Globalization;
using Npgsql;

namespace SevenTaps.Analysis.Summaries;

/// <summary>
/// The filters every endpoint takes: a statement-time range, one lesson, one cohort (learners whose first
/// statement fell in the week starting on that Monday).
/// </summary>
public sealed record AnalyticsFilter(DateTimeOffset? From, DateTimeOffset? To, string? Lesson, DateOnly? Cohort)
{
    /// <summary>Checks the query string's values; returns the filter or the offending parameter and why.</summary>
    public static (AnalyticsFilter? Filter, string? Parameter, string? Error) Parse(string? fromText, string? toText, string? lessonText, string? cohortText)
    {
        DateTimeOffset? from = null, to = null;
        DateOnly? cohort = null;
        if (fromText is { Length: > 0 })
        {
            if (!DateTimeOffset.TryParse(fromText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, "from", "must be an ISO 8601 date or timestamp");
            }
            from = parsed;
        }
        if (toText is { Length: > 0 })
        {
            if (!DateTimeOffset.TryParse(toText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, "to", "must be an ISO 8601 date or timestamp");
            }
            to = parsed;
        }
        if (from > to)
        {
            return (null, "from", "must not be after to");
        }
        if (cohortText is { Length: > 0 })
        {
            if (!DateOnly.TryParseExact(cohortText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return (null, "cohort", "must be a date (yyyy-MM-dd): the Monday of the cohort's first week");
            }
            cohort = parsed;
        }
        var lesson = lessonText ?? "";
        if (lesson.Length > 2048)
        {
            return (null, "lesson", "is too long");
        }
        return (new AnalyticsFilter(from, to, lesson.Length > 0 ? lesson : null, cohort), null, null);
    }

    /// <summary>The date range, when given, starts and ends at UTC midnight: a summary by UTC day answers it exactly.</summary>
    public bool HasWholeUtcDays => IsUtcMidnightOrOpen(From) && IsUtcMidnightOrOpen(To);

    private static bool IsUtcMidnightOrOpen(DateTimeOffset? bound) => bound is not { } value || value.UtcDateTime.TimeOfDay == TimeSpan.Zero;

    /// <summary>
    /// The date range as conditions on a column of UTC days (<paramref name="column"/>), exact when
    /// <see cref="HasWholeUtcDays"/>: the range's end is exclusive, as on the statements.
    /// </summary>
    public string WhereDays(string column, NpgsqlCommand command)
    {
        var conditions = new List<string> { "true" };
        if (From is { } from)
        {
            conditions.Add($"{column} >= {command.Add(DateOnly.FromDateTime(from.UtcDateTime))}");
        }
        if (To is { } to)
        {
            conditions.Add($"{column} < {command.Add(DateOnly.FromDateTime(to.UtcDateTime))}");
        }
        return string.Join(" AND ", conditions);
    }

    /// <summary>The filter as SQL conditions on a table with user_id, lesson_url and "timestamp" columns, aliased <paramref name="alias"/>.</summary>
    public string Where(string alias, NpgsqlCommand command, bool includeLesson = true)
    {
        var conditions = new List<string> { "true" };
        if (From is { } from)
        {
            conditions.Add($"{alias}.\"timestamp\" >= {command.Add(from.UtcDateTime)}");
        }
        if (To is { } to)
        {
            conditions.Add($"{alias}.\"timestamp\" < {command.Add(to.UtcDateTime)}");
        }
        if (includeLesson && Lesson is { } lesson)
        {
            conditions.Add($"{alias}.lesson_url = {command.Add(lesson)}");
        }
        if (Cohort is { } cohort)
        {
            conditions.Add($"{alias}.user_id IN {CohortLearners(cohort, command)}");
        }
        return string.Join(" AND ", conditions);
    }

    /// <summary>A subquery of the learners whose first statement fell in the week of <paramref name="cohort"/>.</summary>
    public static string CohortLearners(DateOnly cohort, NpgsqlCommand command) =>
        $"(SELECT user_id FROM {AnalysisSchema.Users.Table} WHERE date_trunc('week', first_seen AT TIME ZONE 'UTC')::date = {command.Add(cohort)})";
}
