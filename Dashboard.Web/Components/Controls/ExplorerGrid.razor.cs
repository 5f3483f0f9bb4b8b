using Dashboard.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.QuickGrid;

namespace Dashboard.Web.Components.Controls;

public partial class ExplorerGrid<TGridItem>
{
    private readonly string headingId = "explorer-" + Guid.NewGuid().ToString("N")[..8];
    private GridItemsProvider<TGridItem> provider = default!;
    private QuickGrid<TGridItem>? grid;
    // The cursor each page was loaded after, from the first page (null) to the one shown: Previous pops, Next pushes.
    private readonly List<string?> cursors = [null];
    private string sort = ExplorerQuery.DefaultSort;
    // The sort of the first page, which names the grid's default sort column (see ExplorerColumn).
    private string initialSort = ExplorerQuery.DefaultSort;
    private Timed<ExplorerPage<TGridItem>>? answer;
    private bool loading = true;
    private string? error;

    [Parameter, EditorRequired] public string Title { get; set; } = "";

    /// <summary>What the rows are, in one sentence: the grid's provenance.</summary>
    [Parameter, EditorRequired] public string Counts { get; set; } = "";

    /// <summary>The view; the grid is keyed on it by the page, so a new filter starts a new grid at the first page.</summary>
    [Parameter, EditorRequired] public ExplorerQuery Query { get; set; } = ExplorerQuery.Default;

    /// <summary>Loads a page of the view in the given sort, after a cursor (null: the first page).</summary>
    [Parameter, EditorRequired] public Func<ExplorerQuery, string?, CancellationToken, Task<Timed<ExplorerPage<TGridItem>>>> Load { get; set; } = default!;

    /// <summary>The QuickGrid's columns: <see cref="ExplorerColumn{TGridItem}"/>s.</summary>
    [Parameter, EditorRequired] public RenderFragment Columns { get; set; } = default!;

    [Parameter, EditorRequired] public Func<TGridItem, object> ItemKey { get; set; } = default!;

    /// <summary>Told the API's sort when a person sorts by a column, so the URL can say it.</summary>
    [Parameter] public EventCallback<string> SortChanged { get; set; }

    /// <summary>Buttons beside the total (the CSV download).</summary>
    [Parameter] public RenderFragment? Actions { get; set; }

    protected override void OnInitialized()
    {
        // A field, not a method group: QuickGrid reloads whenever its provider is a different delegate.
        provider = ProvideAsync;
        sort = initialSort = Query.Sort;
    }

    private string TotalText => answer?.Value switch
    {
        null => loading ? "Counting…" : "",
        { TotalIsExact: true } page => $"{page.Total:N0} {Query.Noun}",
        var page => $"About {page.Total:N0} {Query.Noun} (estimate)",
    };

    private long FirstRow => (long)(cursors.Count - 1) * Query.PageSize + 1;

    private string RowsShown => answer is { Value.Items.Count: > 0 } shown ? $"{FirstRow}-{FirstRow + shown.Value.Items.Count - 1}" : "0";

    private string RowsText => answer is { Value.Items.Count: > 0 } shown
        ? $"Rows {FirstRow:N0}–{FirstRow + shown.Value.Items.Count - 1:N0}"
        : "No rows";

    private async ValueTask<GridItemsProviderResult<TGridItem>> ProvideAsync(GridItemsProviderRequest<TGridItem> request)
    {
        if (SortOf(request) is { } asked && asked != sort)
        {
            // A person sorted by a column: that order from its first page.
            sort = asked;
            cursors.Clear();
            cursors.Add(null);
            await SortChanged.InvokeAsync(sort);
        }
        (loading, error) = (true, null);
        StateHasChanged();
        try
        {
            answer = await Load(Query with { Sort = sort }, cursors[^1], request.CancellationToken);
            loading = false;
            StateHasChanged();
            return GridItemsProviderResult.From(answer.Value.Items.ToArray(), answer.Value.Items.Count);
        }
        catch (OperationCanceledException) when (request.CancellationToken.IsCancellationRequested)
        {
            // A newer request replaced this one; QuickGrid discards this answer.
            return GridItemsProviderResult.From(Array.Empty<TGridItem>(), 0);
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            (loading, error, answer) = (false, $"The rows could not be loaded: {exception.Message}", null);
            StateHasChanged();
            return GridItemsProviderResult.From(Array.Empty<TGridItem>(), 0);
        }
    }

    /// <summary>The API's sort for the grid's sort column, or null when the grid has none.</summary>
    private static string? SortOf(GridItemsProviderRequest<TGridItem> request) =>
        request.SortByColumn is ExplorerColumn<TGridItem> { SortKey: { } key } ? (request.SortByAscending ? key : "-" + key) : null;

    private async Task NextAsync()
    {
        if (answer?.Value.NextCursor is { } next && !loading && grid is not null)
        {
            cursors.Add(next);
            await grid.RefreshDataAsync();
        }
    }

    private async Task PreviousAsync()
    {
        if (cursors.Count > 1 && !loading && grid is not null)
        {
            cursors.RemoveAt(cursors.Count - 1);
            await grid.RefreshDataAsync();
        }
    }
}
