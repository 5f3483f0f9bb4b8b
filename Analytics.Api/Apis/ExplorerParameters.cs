using Analytics.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Apis;

/// <summary>
/// The explorer's filter beyond <see cref="FilterParameters"/>, bound as text and checked here like it, so a bad value
/// is a 400 naming its parameter.
/// </summary>
/// <param name="Card"><c>card</c>: One card: its activity id (analysis.questions.question_id).</param>
/// <param name="Learner"><c>learner</c>: One learner: analysis.users.user_id.</param>
/// <param name="Q"><c>q</c>: Answers only: words to find in the answer's text (web search syntax, English stemming).</param>
/// <param name="Sentiment"><c>sentiment</c>: Answers only: positive, negative or neutral (free-text answers' VADER score).</param>
/// <param name="Flagged"><c>flagged</c>: Answers only: true for answers the watch list flags, false for the others.</param>
/// <param name="Sort"><c>sort</c>: The column to sort by (- in front for descending; default -timestamp); the statement id breaks ties.</param>
public sealed record ExplorerParameters(
    [FromQuery(Name = "card")] string? Card,
    [FromQuery(Name = "learner")] string? Learner,
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "sentiment")] string? Sentiment,
    [FromQuery(Name = "flagged")] string? Flagged,
    [FromQuery(Name = "sort")] string? Sort)
{
    public const int MaxIdLength = 2048;
    public const int MaxTextLength = 500;

    /// <summary>The filter and order for <paramref name="source"/>, or the 400 naming the first offending parameter.</summary>
    public ValidationProblem? Validate<T>(FilterParameters range, ExplorerSource<T> source, out ExplorerFilter filter, out ExplorerOrder order)
    {
        filter = null!;
        order = null!;
        if (range.Validate(out var analyticsFilter) is { } invalid)
        {
            return invalid;
        }
        if (Card is { Length: > MaxIdLength })
        {
            return AnalyticsApi.Invalid("card", "is too long");
        }
        if (Learner is { Length: > MaxIdLength })
        {
            return AnalyticsApi.Invalid("learner", "is too long");
        }
        if (Q is { Length: > MaxTextLength })
        {
            return AnalyticsApi.Invalid("q", $"must be at most {MaxTextLength} characters");
        }
        if (Sentiment is { Length: > 0 } && !ExplorerFilter.SentimentClasses.Contains(Sentiment))
        {
            return AnalyticsApi.Invalid("sentiment", $"must be one of {string.Join(", ", ExplorerFilter.SentimentClasses)}");
        }
        bool? flagged = null;
        if (Flagged is { Length: > 0 })
        {
            if (!bool.TryParse(Flagged, out var parsed))
            {
                return AnalyticsApi.Invalid("flagged", "must be true or false");
            }
            flagged = parsed;
        }
        filter = new ExplorerFilter(analyticsFilter, Blank(Card), Blank(Learner), string.IsNullOrWhiteSpace(Q) ? null : Q, Blank(Sentiment), flagged);
        if (!source.HasAnswers && filter.NeedsAnswers)
        {
            return AnalyticsApi.Invalid(filter.Text is not null ? "q" : filter.Sentiment is not null ? "sentiment" : "flagged", "applies to answers only (explorer/responses)");
        }
        if (ExplorerOrder.Parse(Sort, source.Sortable) is not { } parsedOrder)
        {
            return AnalyticsApi.Invalid("sort", $"must be one of {string.Join(", ", source.Sortable.Keys)} (prefix - for descending)");
        }
        order = parsedOrder;
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>Where a page of the explorer starts and how big it is.</summary>
/// <param name="After"><c>after</c>: The previous page's nextCursor: the page starts right after its last row (fast at any depth).</param>
/// <param name="Offset"><c>offset</c>: Rows to skip instead (for a grid that jumps; slower deep into a large set). Not with after.</param>
/// <param name="PageSize"><c>pageSize</c>: Rows per page (default Analytics:DefaultPageSize, at most Analytics:MaxPageSize).</param>
/// <param name="ExactTotal"><c>exactTotal</c>: true to count every row passing the filter; by default totals above 10,000 are PostgreSQL's estimate.</param>
public sealed record ExplorerPageParameters(
    [FromQuery(Name = "after")] string? After,
    [FromQuery(Name = "offset")] string? Offset,
    [FromQuery(Name = "pageSize")] string? PageSize,
    [FromQuery(Name = "exactTotal")] string? ExactTotal)
{
    public const long MaxOffset = 100_000_000;

    /// <summary>The page, or the 400 naming the offending parameter.</summary>
    public ValidationProblem? Validate(ExplorerOrder order, AnalyticsOptions options, out ExplorerCursor? after, out long offset, out int pageSize, out bool exactTotal)
    {
        after = null;
        offset = 0;
        pageSize = options.DefaultPageSize;
        exactTotal = false;
        if (After is { Length: > 0 })
        {
            after = After.Length <= 4096 ? order.Decode(After) : null;
            if (after is null)
            {
                return AnalyticsApi.Invalid("after", "must be a nextCursor this endpoint returned for the same sort");
            }
        }
        if (Offset is { Length: > 0 } && (!long.TryParse(Offset, out offset) || offset < 0 || offset > MaxOffset))
        {
            return AnalyticsApi.Invalid("offset", $"must be between 0 and {MaxOffset}");
        }
        if (after is not null && offset > 0)
        {
            return AnalyticsApi.Invalid("offset", "cannot be combined with after");
        }
        if (PageSize is { Length: > 0 } && (!int.TryParse(PageSize, out pageSize) || pageSize < 1 || pageSize > options.MaxPageSize))
        {
            return AnalyticsApi.Invalid("pageSize", $"must be between 1 and {options.MaxPageSize}");
        }
        if (ExactTotal is { Length: > 0 } && !bool.TryParse(ExactTotal, out exactTotal))
        {
            return AnalyticsApi.Invalid("exactTotal", "must be true or false");
        }
        return null;
    }
}
