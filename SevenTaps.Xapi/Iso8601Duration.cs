using System.Globalization;
using System.Text.RegularExpressions;

namespace SevenTaps.Xapi;

/// <summary>
/// An xAPI Result Duration (1.0.3 Data 4.6): the ISO 8601:2004 §4.4.3.2 "format with designators"
/// <c>PnYnMnDTnHnMnS</c> or <c>PnW</c>. The alternative format (§4.4.3.3, e.g. <c>P0003-01-29T04:35:59</c>)
/// MUST NOT be used and is rejected, as are weeks combined with other units (<c>P4W1D</c>), negative
/// durations, an empty <c>P</c>/<c>PT</c>, and designators without the <c>T</c> separator for time
/// units (<c>P16559.14S</c>, which appears in the 1.0.3 example table, is not ISO 8601: "S" requires
/// the time part). Only the lowest-order component present may carry a decimal fraction ('.' or ',').
/// </summary>
/// <remarks>
/// <para><b>Conversion to seconds.</b> Years and months have no fixed length. When no start instant is
/// known we use the mean Gregorian year: 1 year = 365.2425 days = 31 556 952 s exactly, and
/// 1 month = 1/12 of that = 2 629 746 s exactly. Both are whole numbers of seconds, so the arithmetic
/// (done in <see cref="decimal"/>) is exact and reproducible; it is an *average*, not calendar-exact.
/// When the start instant is known, <see cref="ToTimeSpan(DateTimeOffset)"/> adds whole years and months
/// on the calendar (exact), and only fractional years/months fall back to the mean values above.
/// Weeks are 7 days, days are 86 400 s (no DST / leap second adjustments).</para>
/// <para>Statement comparison never converts between units (Data 2.3.1.b8); see <see cref="StatementComparer"/>.</para>
/// </remarks>
public sealed partial record Iso8601Duration(
    decimal Years,
    decimal Months,
    decimal Weeks,
    decimal Days,
    decimal Hours,
    decimal Minutes,
    decimal Seconds)
{
    /// <summary>Seconds in a mean Gregorian year (365.2425 × 86 400).</summary>
    public const decimal SecondsPerYear = 31_556_952m;

    /// <summary>Seconds in a mean Gregorian month (<see cref="SecondsPerYear"/> / 12).</summary>
    public const decimal SecondsPerMonth = 2_629_746m;

    private const string Number = @"\d+(?:[.,]\d+)?";

    [GeneratedRegex($@"^P(?:(?<Y>{Number})Y)?(?:(?<Mo>{Number})M)?(?:(?<D>{Number})D)?(?:T(?:(?<H>{Number})H)?(?:(?<Mi>{Number})M)?(?:(?<S>{Number})S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DesignatorFormat();

    [GeneratedRegex($@"^P(?<W>{Number})W$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekFormat();

    private static readonly string[] ComponentOrder = ["Y", "Mo", "D", "H", "Mi", "S"];

    /// <summary>True when <paramref name="value"/> follows the duration format required by xAPI.</summary>
    public static bool IsWellFormed(string? value) => TryMatch(value, out _);

    public static bool TryParse(string? value, out Iso8601Duration? duration)
    {
        duration = null;
        if (!TryMatch(value, out var match))
        {
            return false;
        }

        try
        {
            duration = new Iso8601Duration(
                Value(match, "Y"), Value(match, "Mo"), Value(match, "W"), Value(match, "D"),
                Value(match, "H"), Value(match, "Mi"), Value(match, "S"));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <exception cref="FormatException">Not an xAPI/ISO 8601 duration.</exception>
    public static Iso8601Duration Parse(string value) =>
        TryParse(value, out var duration) ? duration! : throw new FormatException($"'{value}' is not an ISO 8601 duration (e.g. PT1H2M3.5S, P1D, P2W).");

    /// <summary>Nominal length in seconds, exact decimal arithmetic (see remarks for year/month lengths).</summary>
    /// <exception cref="OverflowException">The duration does not fit in a decimal.</exception>
    public decimal TotalSecondsExact =>
        (Years * SecondsPerYear) + (Months * SecondsPerMonth) + (Weeks * 604_800m) + (Days * 86_400m)
        + (Hours * 3_600m) + (Minutes * 60m) + Seconds;

    /// <summary><see cref="TotalSecondsExact"/> as a double, for statistics.</summary>
    public double TotalSeconds => (double)TotalSecondsExact;

    /// <summary>Nominal length as a TimeSpan (100 ns resolution, truncated).</summary>
    /// <exception cref="OverflowException">Longer than <see cref="TimeSpan.MaxValue"/>.</exception>
    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(checked((long)decimal.Truncate(TotalSecondsExact * TimeSpan.TicksPerSecond)));

    /// <summary>
    /// Calendar-exact length of this duration when it starts at <paramref name="start"/>: whole years and
    /// months are added on the calendar (so P1M from 31 January is 29 or 28 days), everything else nominally.
    /// </summary>
    public TimeSpan ToTimeSpan(DateTimeOffset start)
    {
        var wholeYears = decimal.Truncate(Years);
        var wholeMonths = decimal.Truncate(Months);
        var end = start.AddYears(checked((int)wholeYears)).AddMonths(checked((int)wholeMonths));
        var rest = this with { Years = Years - wholeYears, Months = Months - wholeMonths };
        return end - start + rest.ToTimeSpan();
    }

    private static bool TryMatch(string? value, out Match match)
    {
        match = Match.Empty;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var weeks = WeekFormat().Match(value);
        if (weeks.Success)
        {
            match = weeks;
            return true;
        }

        var designators = DesignatorFormat().Match(value);
        if (!designators.Success || value == "P" || value.EndsWith('T'))
        {
            return false;
        }

        // Only the lowest-order component that is present may have a fraction (ISO 8601 §4.4.3.2).
        var present = ComponentOrder.Where(name => designators.Groups[name].Success).ToList();
        if (present.Count == 0 || present.SkipLast(1).Any(name => designators.Groups[name].Value.IndexOfAny(['.', ',']) >= 0))
        {
            return false;
        }

        match = designators;
        return true;
    }

    private static decimal Value(Match match, string group) =>
        match.Groups[group].Success
            ? decimal.Parse(match.Groups[group].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : 0m;
}
