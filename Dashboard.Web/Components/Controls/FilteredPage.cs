using Dashboard.Web.Services;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Controls;

/// <summary>A dashboard page whose filter comes from its URL (<c>?from=&amp;to=&amp;lesson=&amp;cohort=</c>).</summary>
public abstract class FilteredPage : ComponentBase
{
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "lesson")] public string? Lesson { get; set; }

    [SupplyParameterFromQuery(Name = "cohort")] public string? Cohort { get; set; }

    protected DashboardFilter Filter { get; private set; } = DashboardFilter.None;

    protected override void OnParametersSet() => Filter = DashboardFilter.Parse(From, To, Lesson, Cohort);

    /// <summary>"Open in workbench" for a tile of this page: the SQL giving its figures for the page's filter (and <paramref name="view"/>, more of the tile's own parameters).</summary>
    protected string WorkbenchLink(string tile, string view = "") => WorkbenchLink(tile, Filter, view);

    /// <summary>"Open in workbench" for a tile: the SQL giving its figures for <paramref name="filter"/> (and <paramref name="view"/>, more of the tile's own parameters).</summary>
    public static string WorkbenchLink(string tile, DashboardFilter filter, string view = "") => $"/workbench?tile={tile}{filter.ToQuery('&')}{view}";
}
