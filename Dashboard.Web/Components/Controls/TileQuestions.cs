namespace Dashboard.Web.Components.Controls;

/// <summary>
/// What "Ask Seven about this" asks for each tile (by its <c>data-tile</c> name), in words Seven's offline engine
/// understands; the tile's filter is added to it as context by the chat page.
/// </summary>
public static class TileQuestions
{
    private static readonly Dictionary<string, string> Questions = new(StringComparer.Ordinal)
    {
        ["overview"] = "How many learners are there?",
        ["lessons"] = "What is the completion rate by lesson?",
        ["at-risk"] = "Which learners are at risk?",
        ["engagement"] = "How many learners were active per week?",
        ["themes"] = "What themes come up in the answers?",
        ["sentiment"] = "What is the sentiment by lesson?",
        ["flagged"] = "Which answers were flagged?",
        ["dropoff"] = "Where do learners drop off?",
        ["cards"] = "How many answers did each card get?",
        // Seven counts the learners who started and completed each lesson: the heatmap's columns summed over its rows.
        ["completion-heatmap"] = "What is the completion rate by lesson?",
        // Seven scores sentiment per lesson, not per week: the same answers and classes, summed over the tile's weeks.
        ["sentiment-weekly"] = "What is the sentiment of the answers?",
    };

    public static string For(string tile, string title) => Questions.GetValueOrDefault(tile) ?? $"Tell me about {title.ToLowerInvariant()}";

    /// <summary>The chat page with the tile's question and the view's filter (<c>from</c>, <c>to</c>, <c>lesson</c>, <c>cohort</c>) as context.</summary>
    public static string ChatLink(string tile, string title, Uri page)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(page.Query);
        var link = $"/chat?q={Uri.EscapeDataString(For(tile, title))}";
        foreach (var name in new[] { "from", "to", "lesson", "cohort" })
        {
            if (query.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text)
            {
                link += $"&{name}={Uri.EscapeDataString(text)}";
            }
        }
        return link;
    }
}
