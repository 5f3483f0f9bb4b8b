using System.Text.Json.Nodes;

namespace Agent.Api.Engine;

/// <summary>
/// A Plotly figure chosen from the result's shape, for the dashboard to draw: a time series (first column a day or
/// week) is a line per measure, the course funnel a funnel, lessons or other categories with one number a bar chart.
/// A single number or a table of text gets no chart. A verified query may name the columns to draw
/// (<see cref="Offline.ChartHint"/>): themes by answers, a card's choices by answers (its distribution), cohorts by the
/// measure compared, flagged answers per lesson, a learner's lessons.
/// </summary>
public static class ChartBuilder
{
    public static JsonObject? For(string queryName, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, Offline.ChartHint? hint = null)
    {
        if (hint is not null && Column(columns, hint.Label) is >= 0 and var label)
        {
            return Bars(hint, label, columns, rows);
        }
        if (rows.Count < 2)
        {
            return null;
        }
        var numeric = Enumerable.Range(0, columns.Count).Where(i => rows.All(row => row[i] is null or int or long or double or decimal or float or short)).ToList();
        if (columns[0] is "day" or "week")
        {
            var x = Values(rows, 0);
            return Figure([.. numeric.Select(i => (JsonNode)new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines+markers", ["name"] = columns[i], ["x"] = x.DeepClone(), ["y"] = Values(rows, i),
            })], columns[0], "");
        }
        var labelColumn = Column(columns, "lesson_name") is >= 0 and var name ? name : Column(columns, "question_text");
        if (labelColumn < 0)
        {
            return null;
        }
        var labels = new JsonArray([.. rows.Select(row => (JsonNode?)JsonValue.Create(Label(row, columns, labelColumn)))]);
        if (queryName == "lesson_stats" && columns.Contains("reached"))
        {
            var reached = Column(columns, "reached");
            return Figure([new JsonObject { ["type"] = "funnel", ["y"] = labels, ["x"] = Values(rows, reached), ["textinfo"] = "value+percent initial" }], "", "");
        }
        var measures = numeric.Where(i => columns[i] is not "lesson").ToList();
        if (measures.Count == 0)
        {
            return null;
        }
        return Figure([.. measures.Select(i => (JsonNode)new JsonObject
        {
            ["type"] = "bar", ["name"] = columns[i], ["x"] = labels.DeepClone(), ["y"] = Values(rows, i),
        })], "", measures.Count == 1 ? columns[measures[0]] : "");
    }

    /// <summary>Bars of the hinted values over the hinted categories (distinct ones when the rows repeat a per-group count).</summary>
    private static JsonObject? Bars(Offline.ChartHint hint, int label, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        var shown = hint.Distinct
            ? rows.GroupBy(row => row[label]?.ToString() ?? "").Select(group => group.First()).OrderBy(row => row[label] as IComparable).ToList()
            : rows.ToList();
        var values = hint.Values.Select(value => Column(columns, value)).Where(index => index >= 0).ToList();
        if (shown.Count < 2 || values.Count == 0)
        {
            return null;
        }
        var labels = new JsonArray([.. shown.Select(row => (JsonNode?)JsonValue.Create(Label(row, columns, label)))]);
        return Figure([.. values.Select(i => (JsonNode)new JsonObject
        {
            ["type"] = "bar", ["name"] = columns[i], ["x"] = labels.DeepClone(), ["y"] = Values(shown, i),
        })], columns[label], values.Count == 1 ? columns[values[0]] : "");
    }

    private static string Label(object?[] row, IReadOnlyList<string> columns, int labelColumn) =>
        Column(columns, "lesson") is >= 0 and var lesson && columns[labelColumn] == "lesson_name"
            ? $"{row[lesson]}. {row[labelColumn]}"
            : columns[labelColumn] is "lesson" or "cohort" ? $"{columns[labelColumn]} {row[labelColumn]}" : row[labelColumn]?.ToString() ?? "";

    private static JsonArray Values(IReadOnlyList<object?[]> rows, int column) =>
        new([.. rows.Select(row => row[column] switch
        {
            null => null,
            long value => JsonValue.Create(value),
            int value => JsonValue.Create(value),
            decimal value => JsonValue.Create(value),
            double value => JsonValue.Create(value),
            var other => (JsonNode?)JsonValue.Create(other.ToString()),
        })]);

    private static int Column(IReadOnlyList<string> columns, string name) => columns.ToList().IndexOf(name);

    private static JsonObject Figure(JsonArray data, string xTitle, string yTitle) => new()
    {
        ["data"] = data,
        ["layout"] = new JsonObject
        {
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle } },
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle } },
        },
    };
}
