using System.Text.RegularExpressions;

namespace Normalizer.Worker.Normalization;

/// <summary>A card Activity id split as <c>{LessonUrl}/{Slug}/{CardNumber}</c>.</summary>
/// <param name="LessonUrl">The prefix, cleaned (<see cref="ActivityUrl.Clean"/>).</param>
/// <param name="Slug">The card-type segment as sent (e.g. "submit-media").</param>
/// <param name="CardNumber">The numeric id segment, as sent (leading zeros kept).</param>
public sealed record CardUrl(string LessonUrl, string Slug, string CardNumber)
{
    /// <summary>The card type named by <see cref="Slug"/> (<see cref="CardTypes.Normalize"/>).</summary>
    public string CardType => CardTypes.Normalize(Slug);

    /// <summary>True when <see cref="Slug"/> is one of the 7taps card types (or a spelling of one).</summary>
    public bool IsKnownCardType => CardTypes.IsKnown(Slug);
}

/// <summary>
/// The 7taps card types and the id pattern of 7taps cards, <c>{lessonUrl}/{cardType}/{numericId}</c>
/// (e.g. <c>https://courses.practiceoflife.com/yjG39Clb0pSm/form/2861644</c>).
/// </summary>
public static partial class CardTypes
{
    public const string Poll = "poll";
    public const string Form = "form";
    public const string Quiz = "quiz";
    public const string Rate = "rate";
    public const string SubmitMedia = "submit media";

    /// <summary>The five card types of the 7taps export (Poll, Form, Quiz, Rate, Submit media), in our spelling.</summary>
    public static IReadOnlyList<string> All { get; } = [Poll, Form, Quiz, Rate, SubmitMedia];

    /// <summary>
    /// Known slugs (after lower-casing and turning '-' and '_' into spaces) → card type. Spellings of the same
    /// type ("submit-media", "submit_media", "submitmedia", plurals, "rating") map to one name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Slugs { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["poll"] = Poll,
        ["polls"] = Poll,
        ["form"] = Form,
        ["forms"] = Form,
        ["quiz"] = Quiz,
        ["quizzes"] = Quiz,
        ["rate"] = Rate,
        ["rates"] = Rate,
        ["rating"] = Rate,
        ["submit media"] = SubmitMedia,
        ["submitmedia"] = SubmitMedia,
        ["submit medias"] = SubmitMedia,
    };

    // {lesson: scheme://authority/at-least-one-segment}/{slug: letters, '-' and '_'}/{digits}, on a cleaned URL.
    [GeneratedRegex(@"^(?<lesson>[a-z][a-z0-9+.\-]*://[^/?#]+/.*[^/])/(?<slug>[A-Za-z][A-Za-z_\-]*)/(?<number>[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    /// <summary>True when the slug is a spelling of one of the five 7taps card types.</summary>
    public static bool IsKnown(string? slug) => slug is not null && Slugs.ContainsKey(Key(slug));

    /// <summary>
    /// The card type of a slug or a type name: a known spelling becomes its card type ("Submit_Media" →
    /// "submit media"); anything else is lower-cased with '-' and '_' turned into single spaces
    /// ("open-question" → "open question").
    /// </summary>
    public static string Normalize(string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var key = Key(slug);
        return Slugs.TryGetValue(key, out var type) ? type : key;
    }

    /// <summary>
    /// Splits an Activity id of the form <c>{lessonUrl}/{slug}/{digits}</c>. Liberal: any slug of letters,
    /// '-' and '_' counts, not only the known card types, but the lesson part must be an absolute URL with at
    /// least one path segment (so <c>https://example.com/quiz/5</c> is not a card of the site root). Matched
    /// on the cleaned id (query and fragment ignored).
    /// </summary>
    public static bool TryParseCardUrl(string? activityId, out CardUrl? card)
    {
        card = null;
        if (string.IsNullOrWhiteSpace(activityId))
        {
            return false;
        }

        var match = CardPattern().Match(ActivityUrl.Clean(activityId));
        if (!match.Success)
        {
            return false;
        }

        card = new CardUrl(match.Groups["lesson"].Value, match.Groups["slug"].Value, match.Groups["number"].Value);
        return true;
    }

    private static string Key(string slug) =>
        string.Join(' ', slug.Trim().ToLowerInvariant().Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries));
}
