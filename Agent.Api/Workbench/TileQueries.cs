using System.Globalization;
using Agent.Api.Engine.Offline;

namespace Agent.Api.Workbench;

/// <summary>
/// The SQL behind a dashboard tile, for "open in workbench": Seven's verified query of the same measure (the
/// queries its agreement tests hold equal to the analytics API's answers), with the tile's filter written into it as
/// literals so the analyst gets one self-contained statement to run and change.
/// </summary>
public static class TileQueries
{
    /// <summary>The tiles with a query: the dashboard's overview headline numbers and its lessons table.</summary>
    public static IReadOnlyDictionary<string, Measure> Tiles { get; } = new Dictionary<string, Measure>
    {
        ["overview"] = Measure.Overview,
        ["lessons"] = Measure.CompletionRate,
    };

    /// <param name="from">First UTC day (inclusive).</param>
    /// <param name="to">Last UTC day (exclusive).</param>
    /// <param name="cohort">The Monday of the cohort's week.</param>
    public static string? Sql(string tile, DateOnly? from, DateOnly? to, DateOnly? cohort)
    {
        if (!Tiles.TryGetValue(tile, out var measure))
        {
            return null;
        }
        DateRange? range = from is null && to is null ? null : new DateRange(
            new DateTimeOffset((from ?? DateOnly.MinValue).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset((to ?? DateOnly.MaxValue).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "the dashboard's filter");
        var query = VerifiedQueries.For(Intent.Of(measure) with { Range = range, Cohort = cohort?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        return Inline(query.Sql, query.Parameters);
    }

    /// <summary>The parameters as SQL literals, the last first so that <c>$1</c> does not match the start of <c>$10</c>.</summary>
    internal static string Inline(string sql, IReadOnlyList<object?> parameters)
    {
        for (var index = parameters.Count; index >= 1; index--)
        {
            sql = sql.Replace("$" + index, Literal(parameters[index - 1]));
        }
        return sql;
    }

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        DateTime time => $"timestamptz '{time.ToUniversalTime():yyyy-MM-dd HH:mm:ss}+00'",
        DateOnly date => $"date '{date:yyyy-MM-dd}'",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        string text => "'" + text.Replace("'", "''") + "'",
        int[] numbers => $"'{{{string.Join(',', numbers)}}}'::int[]",
        _ => throw new InvalidOperationException($"A tile query parameter of type {value.GetType().Name} has no literal form here."),
    };
}
