using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Web.Services;

/// <summary>What the explorer lists: answers (analysis.user_responses) or learning events (analysis.user_activities).</summary>
public enum ExplorerView
{
    Responses,
    Activities,
}

/// <summary>
/// One view of the data explorer as it stands in the page's URL (<c>/explorer?view=responses&amp;lesson=...&amp;q=sleep&amp;sort=-timestamp</c>),
/// so it can be bookmarked and shared, and as Analytics.Api's explorer takes it. Values that do not parse, or that do
/// not apply to the view (text, sentiment and flagged on activities), are dropped rather than sent.
/// </summary>
/// <param name="Card">One card: its activity id.</param>
/// <param name="Learner">One learner: their user id.</param>
/// <param name="Text">Answers only: words to find (web search syntax, stemmed).</param>
/// <param name="Sentiment">Answers only: positive, negative or neutral.</param>
/// <param name="Flagged">Answers only: true for answers the watch list flags, false for the others.</param>
/// <param name="Sort">The API's sort: a column of <see cref="SortKeys"/>, "-" in front for descending.</param>
/// <param name="PageSize">Rows per page, one of <see cref="PageSizes"/>.</param>
public sealed record ExplorerQuery(
    ExplorerView View, DashboardFilter Filter, string? Card, string? Learner, string? Text, string? Sentiment, bool? Flagged, string Sort, int PageSize)
{
    public const string DefaultSort = "-timestamp";
    public const int DefaultPageSize = 50;
    public const int MaxTextLength = 500;
    public const int MaxIdLength = 2048;

    public static IReadOnlyList<int> PageSizes { get; } = [25, 50, 100, 200];

    public static IReadOnlyList<string> SentimentClasses { get; } = ["positive", "neutral", "negative"];

    public static ExplorerQuery Default { get; } = new(ExplorerView.Responses, DashboardFilter.None, null, null, null, null, null, DefaultSort, DefaultPageSize);

    /// <summary>The columns Analytics.Api sorts each view by.</summary>
    public static IReadOnlyList<string> SortKeys(ExplorerView view) => view == ExplorerView.Responses
        ? ["timestamp", "learner", "lesson", "card", "sentiment", "duration"]
        : ["timestamp", "learner", "lesson", "card", "verb", "duration"];

    public bool IsResponses => View == ExplorerView.Responses;

    /// <summary>The sort column without its direction.</summary>
    public string SortKey => Sort.TrimStart('-');

    public bool SortDescending => Sort.StartsWith('-');

    /// <summary>What a row is called in this view, in the plural.</summary>
    public string Noun => IsResponses ? "answers" : "activities";

    /// <summary>The view from the page's query parameters (or the export request's).</summary>
    public static ExplorerQuery Parse(
        string? view, string? from, string? to, string? lesson, string? cohort, string? card, string? learner, string? text,
        string? sentiment, string? flagged, string? sort, string? pageSize)
    {
        var parsedView = string.Equals(view, "activities", StringComparison.OrdinalIgnoreCase) ? ExplorerView.Activities : ExplorerView.Responses;
        var answers = parsedView == ExplorerView.Responses;
        var sortKey = sort?.TrimStart('-');
        return new ExplorerQuery(
            parsedView,
            DashboardFilter.Parse(from, to, lesson, cohort),
            Id(card),
            Id(learner),
            answers && !string.IsNullOrWhiteSpace(text) && text.Length <= MaxTextLength ? text.Trim() : null,
            answers && sentiment is not null && SentimentClasses.Contains(sentiment) ? sentiment : null,
            answers && bool.TryParse(flagged, out var isFlagged) ? isFlagged : null,
            sortKey is not null && SortKeys(parsedView).Contains(sortKey) ? sort! : DefaultSort,
            int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size) ? size : DefaultPageSize);
    }

    /// <summary>The view from a request's query string (the CSV export's).</summary>
    public static ExplorerQuery Parse(IQueryCollection query)
    {
        string? Get(string name) => query.TryGetValue(name, out StringValues values) ? values.ToString() : null;
        return Parse(Get("view"), Get("from"), Get("to"), Get("lesson"), Get("cohort"), Get("card"), Get("learner"), Get("q"),
            Get("sentiment"), Get("flagged"), Get("sort"), Get("pageSize"));
    }

    /// <summary>The API's path segment for this view.</summary>
    public string ApiPath => IsResponses ? "responses" : "activities";

    /// <summary>The filter and sort as Analytics.Api's explorer takes them (no page: the caller adds <c>pageSize</c> and <c>after</c>).</summary>
    public string ToApiQuery()
    {
        var parts = new List<string>();
        if (Filter.ToQuery('&') is { Length: > 0 } range)
        {
            parts.Add(range[1..]);
        }
        Add(parts, "card", Card);
        Add(parts, "learner", Learner);
        Add(parts, "q", Text);
        Add(parts, "sentiment", Sentiment);
        Add(parts, "flagged", Flagged is { } flagged ? (flagged ? "true" : "false") : null);
        parts.Add($"sort={Uri.EscapeDataString(Sort)}");
        return string.Join('&', parts);
    }

    /// <summary>The URL's query parameters for this view; defaults are left out, so a shared link stays short.</summary>
    public Dictionary<string, object?> ToUrlParameters() => new()
    {
        ["view"] = IsResponses ? null : "activities",
        ["from"] = Filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = Filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["lesson"] = Filter.Lesson,
        ["cohort"] = Filter.Cohort?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["card"] = Card,
        ["learner"] = Learner,
        ["q"] = Text,
        ["sentiment"] = Sentiment,
        ["flagged"] = Flagged is { } flagged ? (flagged ? "true" : "false") : null,
        ["sort"] = Sort == DefaultSort ? null : Sort,
        ["pageSize"] = PageSize == DefaultPageSize ? null : PageSize.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The query string of <see cref="ToUrlParameters"/> ("" when every value is the default), with a leading "?".</summary>
    public string ToUrlQuery()
    {
        var parts = ToUrlParameters().Where(pair => pair.Value is not null)
            .Select(pair => $"{pair.Key}={Uri.EscapeDataString(Convert.ToString(pair.Value, CultureInfo.InvariantCulture)!)}")
            .ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static string? Id(string? value) => string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength ? null : value.Trim();
}
