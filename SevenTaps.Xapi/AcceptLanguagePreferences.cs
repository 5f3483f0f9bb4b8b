using System.Globalization;

namespace SevenTaps.Xapi;

/// <summary>One entry of an Accept-Language header: a language range and its quality value.</summary>
public sealed record LanguageRange(string Range, double Quality);

/// <summary>
/// An Accept-Language list used to pick one entry of a Language Map for the <c>canonical</c> format.
/// The spec (1.0.3 Communication 2.1.3.s4.b5) requires RFC 2616 §14.4 semantics applied to each language
/// map separately: a range matches a tag if it equals it or is a prefix of it followed by "-"
/// ("en" matches "en-US"); "*" matches any tag; the quality of a tag is that of the most specific
/// matching range; quality 0 means "not acceptable".
/// </summary>
/// <remarks>
/// Because the LRS MUST return exactly one language per map, a map with no acceptable entry still yields
/// one: first by RFC 4647 "lookup" (truncating the preferred ranges: "en-US" → "en"), then the map's
/// first entry. Ties between equally acceptable tags go to the range listed first, then to map order.
/// </remarks>
public sealed class AcceptLanguagePreferences
{
    private AcceptLanguagePreferences(IReadOnlyList<LanguageRange> ranges) => Ranges = ranges;

    /// <summary>No preferences: every map yields its first entry.</summary>
    public static AcceptLanguagePreferences None { get; } = new([]);

    /// <summary>The ranges in the order they were given.</summary>
    public IReadOnlyList<LanguageRange> Ranges { get; }

    /// <summary>Parses a header value such as <c>fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5</c>.</summary>
    public static AcceptLanguagePreferences Parse(string? header) =>
        string.IsNullOrWhiteSpace(header) ? None : FromList(header.Split(','));

    /// <summary>Builds preferences from list items, each "tag" or "tag;q=0.5"; malformed items are skipped.</summary>
    public static AcceptLanguagePreferences FromList(IEnumerable<string> items)
    {
        var ranges = new List<LanguageRange>();
        foreach (var item in items)
        {
            var parts = item.Split(';', StringSplitOptions.TrimEntries);
            var range = parts[0];
            if (range.Length == 0 || (range != "*" && !LanguageTag.IsValid(range)))
            {
                continue;
            }

            var quality = 1.0;
            foreach (var parameter in parts.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(parameter.AsSpan(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q))
                {
                    quality = Math.Clamp(q, 0, 1);
                }
            }

            ranges.Add(new LanguageRange(range, quality));
        }

        return new AcceptLanguagePreferences(ranges);
    }

    /// <summary>Chooses the language tag to keep among <paramref name="availableTags"/> (map keys in order).</summary>
    public string? SelectBest(IReadOnlyList<string> availableTags)
    {
        if (availableTags.Count == 0)
        {
            return null;
        }

        string? best = null;
        var bestQuality = 0.0;
        var bestRangeIndex = int.MaxValue;
        foreach (var tag in availableTags)
        {
            var (quality, rangeIndex) = QualityOf(tag);
            if (quality > bestQuality || (quality == bestQuality && quality > 0 && rangeIndex < bestRangeIndex))
            {
                (best, bestQuality, bestRangeIndex) = (tag, quality, rangeIndex);
            }
        }

        // Nothing acceptable: one language must still be returned (Communication "Language filtering"); prefer one
        // the client did not refuse with q=0.
        return best ?? Lookup(availableTags) ?? availableTags.FirstOrDefault(tag => !IsRefused(tag)) ?? availableTags[0];
    }

    // The most specific range matching the tag gives it quality 0 ("fr;q=0": "not French").
    private bool IsRefused(string tag) => QualityOf(tag) is (0, < int.MaxValue);

    // Quality from the most specific matching range (longest; "*" is least specific).
    private (double Quality, int RangeIndex) QualityOf(string tag)
    {
        var bestLength = -1;
        var result = (Quality: 0.0, RangeIndex: int.MaxValue);
        for (var i = 0; i < Ranges.Count; i++)
        {
            var range = Ranges[i].Range;
            var matches = range == "*"
                || tag.Equals(range, StringComparison.OrdinalIgnoreCase)
                || (tag.Length > range.Length && tag.StartsWith(range, StringComparison.OrdinalIgnoreCase) && tag[range.Length] == '-');
            var length = range == "*" ? 0 : range.Length;
            if (matches && length > bestLength)
            {
                bestLength = length;
                result = (Ranges[i].Quality, i);
            }
        }

        return result;
    }

    // RFC 4647 §3.4 lookup: progressively truncate each acceptable range, best quality first.
    private string? Lookup(IReadOnlyList<string> availableTags)
    {
        foreach (var range in Ranges.Where(r => r.Quality > 0 && r.Range != "*").OrderByDescending(r => r.Quality))
        {
            var candidate = range.Range;
            while (candidate.Length > 0)
            {
                var match = availableTags.FirstOrDefault(t => t.Equals(candidate, StringComparison.OrdinalIgnoreCase));
                if (match is not null)
                {
                    return match;
                }

                var cut = candidate.LastIndexOf('-');
                candidate = cut < 0 ? "" : candidate[..cut];
            }
        }

        return null;
    }
}
