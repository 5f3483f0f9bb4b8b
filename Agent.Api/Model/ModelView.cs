using System.Text.Json;
using System.Text.RegularExpressions;
using Agent.Api.Engine;
using Agent.Api.Guard;

namespace Agent.Api.Model;

/// <summary>
/// What the model is shown of a result. Unless <see cref="ModelOptions.ShareLearnerText"/> is set it sees aggregates only:
/// numbers, booleans, dates and the course's own names (lesson names, URLs and numbers); any other text (learners'
/// answers, names, e-mail addresses, ids) is replaced by <see cref="Withheld"/>, since a learner's answer can carry
/// instructions to a model. Decided by value, not by column name, so an alias or an expression does not get text past it.
/// </summary>
public static partial class ModelView
{
    public const string Withheld = "[withheld]";

    /// <summary>At most this many rows are shown to the model; the user gets them all.</summary>
    private const int MaxRows = 50;

    public static string Describe(GuardedResult result, CourseCatalog catalog, bool shareLearnerText)
    {
        var courseNames = catalog.Lessons.SelectMany(lesson => new[] { lesson.Name, lesson.Url, lesson.Number }).OfType<string>().ToHashSet();
        object? Shown(object? value) => shareLearnerText ? value : value switch
        {
            string text when courseNames.Contains(text) || Timestamp().IsMatch(text) => text,
            string => Withheld,
            object?[] items => items.Select(Shown).ToArray(),
            _ => value,
        };
        return JsonSerializer.Serialize(new
        {
            columns = result.Columns,
            rowCount = result.Rows.Count,
            truncated = result.Truncated,
            rows = result.Rows.Take(MaxRows).Select(row => row.Select(Shown).ToArray()),
        });
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$")]
    private static partial Regex Timestamp();
}
