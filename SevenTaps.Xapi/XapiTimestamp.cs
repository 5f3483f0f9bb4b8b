using System.Globalization;
using System.Text.RegularExpressions;

namespace SevenTaps.Xapi;

/// <summary>
/// Parsing and validation of xAPI Timestamps ("timestamp" and "stored").
/// <list type="bullet">
/// <item><b>1.0.3</b> (Data 4.5): a Timestamp MUST be formatted according to ISO 8601; RFC 3339 and a
/// time zone are only SHOULD*. We accept ISO 8601 combined date and time in extended
/// (<c>2015-11-18T12:17:00.123+01:00</c>) or basic (<c>20151118T121700Z</c>) format, with optional
/// seconds/fraction and optional offset. A missing offset is accepted and interpreted as UTC.</item>
/// <item><b>2.0.0</b> (IEEE 9274.1.1): a Timestamp shall be expressed in the RFC 3339 format, which
/// requires seconds and an offset (<c>Z</c> or <c>±hh:mm</c>); RFC 3339 also allows a space or lower
/// case <c>t</c> instead of <c>T</c> (the 2.0 conformance suite sends <c>2008-09-15 15:53:00.601+00:00</c>).</item>
/// <item><b>Both</b>: a negative zero offset (<c>-00</c>, <c>-0000</c>, <c>-00:00</c>) is rejected.
/// RFC 3339 uses it for "unknown local offset", but ISO 8601 forbids it, and both conformance suites
/// require rejection (xAPI-Spec issue #1073).</item>
/// </list>
/// Not supported (rejected): leap second 60, hour 24, years before 0001 and offsets beyond ±14:00 (not
/// representable by <see cref="DateTimeOffset"/>). Fractions beyond 100 ns are truncated, which is
/// allowed because the LRS only has to keep millisecond precision.
/// </summary>
public static partial class XapiTimestamp
{
    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})T(?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d+))?)?(?<z>Z|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601Extended();

    [GeneratedRegex(@"^(?<y>\d{4})(?<mo>\d{2})(?<d>\d{2})T(?<h>\d{2})(?<mi>\d{2})(?:(?<s>\d{2})(?:[.,](?<f>\d+))?)?(?<z>Z|[+-]\d{2}(?:\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601Basic();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[Tt ](?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})(?:\.(?<f>\d+))?(?<z>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    /// <summary>Validates <paramref name="value"/> with the rules of <paramref name="version"/>.</summary>
    /// <param name="error">Why the value was rejected (null on success).</param>
    public static bool TryParse(string? value, XapiVersion version, out DateTimeOffset result, out string? error)
    {
        result = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "must be a non-empty ISO 8601 timestamp";
            return false;
        }

        Match match;
        if (version == XapiVersion.V2_0_0)
        {
            match = Rfc3339().Match(value);
            if (!match.Success)
            {
                error = Iso8601Extended().IsMatch(value) && !HasOffset(Iso8601Extended().Match(value))
                    ? "must include a time zone offset (xAPI 2.0 requires RFC 3339 timestamps)"
                    : "must be an RFC 3339 timestamp such as 2024-01-31T13:45:00.000Z (xAPI 2.0)";
                return false;
            }
        }
        else
        {
            match = Iso8601Extended().Match(value);
            if (!match.Success)
            {
                match = Iso8601Basic().Match(value);
            }

            if (!match.Success)
            {
                error = "must be an ISO 8601 date and time such as 2024-01-31T13:45:00.000Z";
                return false;
            }
        }

        return TryBuild(match, out result, out error);
    }

    /// <summary>
    /// Lenient parse used when the version is unknown (e.g. comparing stored Statements): accepted when
    /// either the 1.0.3 or the 2.0.0 rules accept it.
    /// </summary>
    public static bool TryParse(string? value, out DateTimeOffset result) =>
        TryParse(value, XapiVersion.V1_0_3, out result, out _) || TryParse(value, XapiVersion.V2_0_0, out result, out _);

    private static bool HasOffset(Match match) => match.Groups["z"].Success;

    private static bool TryBuild(Match match, out DateTimeOffset result, out string? error)
    {
        result = default;
        var year = Int(match, "y");
        var month = Int(match, "mo");
        var day = Int(match, "d");
        var hour = Int(match, "h");
        var minute = Int(match, "mi");
        var second = match.Groups["s"].Success ? Int(match, "s") : 0;

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = "is not a valid calendar date";
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            error = "is not a valid time of day";
            return false;
        }

        if (!TryParseOffset(match.Groups["z"], out var offset, out error))
        {
            return false;
        }

        long fractionTicks = 0;
        if (match.Groups["f"].Success)
        {
            // Keep at most 7 digits (100 ns ticks); the rest is truncated.
            var digits = match.Groups["f"].Value;
            digits = digits.Length > 7 ? digits[..7] : digits.PadRight(7, '0');
            fractionTicks = long.Parse(digits, CultureInfo.InvariantCulture);
        }

        try
        {
            result = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks);
            error = null;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            error = "is outside the supported date/offset range";
            return false;
        }
    }

    private static bool TryParseOffset(Group zone, out TimeSpan offset, out string? error)
    {
        offset = TimeSpan.Zero;
        error = null;
        if (!zone.Success || zone.Value is "Z" or "z")
        {
            // No offset (only reachable under 1.0.3 rules): interpreted as UTC.
            return true;
        }

        var text = zone.Value;
        var hours = int.Parse(text.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutesText = text.Length > 3 ? text[3..].TrimStart(':') : "00";
        var minutes = int.Parse(minutesText, CultureInfo.InvariantCulture);
        if (hours > 23 || minutes > 59)
        {
            error = "has an invalid time zone offset";
            return false;
        }

        if (text[0] == '-' && hours == 0 && minutes == 0)
        {
            error = "must not use a negative zero time zone offset (-00:00); use Z or +00:00";
            return false;
        }

        if (hours > 14 || (hours == 14 && minutes > 0))
        {
            error = "has a time zone offset beyond ±14:00";
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
}
