using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.QuickGrid;

namespace Dashboard.Web.Components.Controls;

/// <summary>
/// A column of the <see cref="ExplorerGrid{TGridItem}"/>: a QuickGrid template column that sorts on the server by
/// Analytics.Api's sort column <see cref="SortKey"/>, and is the grid's sort column when the view's sort names it.
/// </summary>
public class ExplorerColumn<TGridItem> : TemplateColumn<TGridItem>
{
    /// <summary>Analytics.Api's sort column for this column; none: the column is not sortable.</summary>
    [Parameter] public string? SortKey { get; set; }

    [CascadingParameter(Name = ExplorerSort.Cascade)] public string? InitialSort { get; set; }

    protected override void OnParametersSet()
    {
#pragma warning disable BL0005 // QuickGrid reads these parameters when it collects its columns; they follow from SortKey and the view's sort.
        Sortable = SortKey is not null;
        IsDefaultSortColumn = SortKey is not null && InitialSort?.TrimStart('-') == SortKey;
        InitialSortDirection = InitialSort?.StartsWith('-') == true ? SortDirection.Descending : SortDirection.Ascending;
#pragma warning restore BL0005
        base.OnParametersSet();
    }
}

public static class ExplorerSort
{
    /// <summary>The name under which the grid cascades the sort its first page is loaded in.</summary>
    public const string Cascade = "ExplorerInitialSort";
}
