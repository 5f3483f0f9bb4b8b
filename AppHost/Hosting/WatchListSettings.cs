namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// The watch list that flags learners' answers, given to AppHost as <c>SEVENTAPS_WATCH_LIST</c> (environment or command
/// line; terms separated by <c>;</c>) and passed to analytics and the agent alike as <c>Analytics:WatchList</c>
/// (<c>SevenTaps.Text.WatchListOptions</c>, which both bind), so the dashboard and Seven flag the same answers. Unset,
/// both use the default list.
/// </summary>
internal static class WatchListSettings
{
    public const string Variable = "SEVENTAPS_WATCH_LIST";

    public static IResourceBuilder<T> WithWatchList<T>(this IResourceBuilder<T> builder, IConfiguration configuration)
        where T : IResourceWithEnvironment
    {
        var terms = (configuration[Variable] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var (term, index) in terms.Select((term, index) => (term, index)))
        {
            builder.WithEnvironment($"Analytics__WatchList__{index}", term);
        }
        return builder;
    }
}
