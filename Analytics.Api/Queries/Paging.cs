namespace Analytics.Api.Queries;

/// <summary>Page and sort of a list endpoint: <c>page</c> (1-based), <c>pageSize</c>, <c>sort</c> (a column, "-" for descending).</summary>
public sealed record Paging(int Page, int PageSize, string SortColumn, bool Descending)
{
    /// <summary>Parses paging against the columns this list may be sorted by (name to SQL expression).</summary>
    public static (Paging? Paging, string? Parameter, string? Error) Parse(string? pageText, string? sizeText, string? sortText,
        IReadOnlyDictionary<string, string> sortable, string defaultSort, AnalyticsOptions options)
    {
        var page = 1;
        if (pageText is { Length: > 0 } && (!int.TryParse(pageText, out page) || page < 1 || page > 1_000_000))
        {
            return (null, "page", "must be a positive integer");
        }
        var size = options.DefaultPageSize;
        if (sizeText is { Length: > 0 } && (!int.TryParse(sizeText, out size) || size < 1 || size > options.MaxPageSize))
        {
            return (null, "pageSize", $"must be between 1 and {options.MaxPageSize}");
        }
        var sort = sortText is { Length: > 0 } ? sortText : defaultSort;
        var descending = sort.StartsWith('-');
        var column = sort.TrimStart('-', '+');
        if (!sortable.ContainsKey(column))
        {
            return (null, "sort", $"must be one of {string.Join(", ", sortable.Keys)} (prefix - for descending)");
        }
        return (new Paging(page, size, column, descending), null, null);
    }

    /// <summary>ORDER BY the chosen column, then the row's key so equal values never swap places between pages.</summary>
    public string OrderBy(IReadOnlyDictionary<string, string> sortable, string key) =>
        $"ORDER BY {sortable[SortColumn]} {(Descending ? "DESC NULLS LAST" : "ASC NULLS LAST")}, {key}";

    public int Offset => (Page - 1) * PageSize;
}

/// <summary>One page of a list.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
