using Dashboard.Web.Services;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Dashboard.Web.Components.Controls;

/// <summary>
/// The bars of every sentiment chart: positive, neutral and negative answers, each class always in its own colour,
/// so a reader learns them once. Green, grey and orange-red, each with at least 3:1 contrast on the light and the dark
/// theme's surfaces (WCAG 1.4.11); the colour is never alone: the legend names each class, and every chart has a
/// table with the same figures.
/// </summary>
public static class SentimentSeries
{
    public const string PositiveColor = "#3a8a3a";

    public const string NeutralColor = "#808080";

    public const string NegativeColor = "#d9480f";

    /// <summary>The colour of a series named after a class ("positive", "Neutral", ...), or null for any other series.</summary>
    public static string? ColorOf(string? series) => series?.ToLowerInvariant() switch
    {
        "positive" => PositiveColor,
        "neutral" => NeutralColor,
        "negative" => NegativeColor,
        _ => null,
    };

    /// <summary>One bar series per class, over the groups (lessons, weeks) labelled by <paramref name="label"/>.</summary>
    public static IList<ITrace> Bars(IReadOnlyList<SentimentGroup> groups, Func<SentimentGroup, string> label)
    {
        var labels = groups.Select(group => (object)label(group)).ToList();
        return
        [
            Bar("Positive", PositiveColor, labels, groups.Select(group => group.Positive)),
            Bar("Neutral", NeutralColor, labels, groups.Select(group => group.Neutral)),
            Bar("Negative", NegativeColor, labels, groups.Select(group => group.Negative)),
        ];
    }

    private static Bar Bar(string name, string color, IList<object> labels, IEnumerable<long> counts) => new()
    {
        Name = name,
        X = labels,
        Y = counts.Select(count => (object)count).ToList(),
        Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = color },
    };
}
