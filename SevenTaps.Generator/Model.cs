using System.Text.Json;
using System.Text.Json.Nodes;

namespace SevenTaps.Generator;

/// <summary>The five answerable 7taps card types.</summary>
public enum CardType
{
    Poll,
    Form,
    Quiz,
    Rate,
    SubmitMedia,
}

/// <summary>How each card type appears in statements.</summary>
public static class CardTypes
{
    public static IReadOnlyList<CardType> All { get; } = [CardType.Poll, CardType.Form, CardType.Quiz, CardType.Rate, CardType.SubmitMedia];

    /// <summary>Path segment of the card activity id: poll, form, quiz, rate, submit-media.</summary>
    public static string Slug(CardType type) => type switch
    {
        CardType.Poll => "poll",
        CardType.Form => "form",
        CardType.Quiz => "quiz",
        CardType.Rate => "rate",
        CardType.SubmitMedia => "submit-media",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>definition.description["en-US"]: "7taps poll", "7taps submit media", ...</summary>
    public static string Description(CardType type) => type == CardType.SubmitMedia ? "7taps submit media" : "7taps " + Slug(type);

    /// <summary>definition.interactionType: choice, long-fill-in, choice, likert, other.</summary>
    public static string InteractionType(CardType type) => type switch
    {
        CardType.Poll or CardType.Quiz => "choice",
        CardType.Form => "long-fill-in",
        CardType.Rate => "likert",
        CardType.SubmitMedia => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParseSlug(string slug, out CardType type)
    {
        foreach (var t in All)
        {
            if (Slug(t) == slug)
            {
                type = t;
                return true;
            }
        }

        type = default;
        return false;
    }
}

/// <summary>A choice of a poll or quiz (definition.choices) or a point of a rate scale (definition.scale).</summary>
public sealed record Choice(string Id, string Label);

/// <summary>An answerable card.</summary>
/// <param name="Id">Activity id: {lessonUrl}/{slug}/{7 digits}.</param>
/// <param name="Position">1-based position among the lesson's answerable cards (the order learners answer them).</param>
/// <param name="NameDelta">definition.name["en-US"]: a Quill Delta JSON document as a string.</param>
/// <param name="Text">The same text without formatting.</param>
/// <param name="Theme">Free-text theme the card asks about (forms; null for generic prompts and other types).</param>
/// <param name="Choices">Poll/quiz choices or rate scale points, in display order; empty for form and submit media.</param>
/// <param name="CorrectChoiceIds">Quiz only: the ids that make up the correct answer.</param>
/// <param name="MediaKind">Submit media only: audio, image or video.</param>
public sealed record Card(
    string Id,
    CardType Type,
    int Position,
    string LessonUrl,
    string NameDelta,
    string Text,
    string? Theme,
    IReadOnlyList<Choice> Choices,
    IReadOnlyList<string> CorrectChoiceIds,
    string? MediaKind)
{
    /// <summary>Popularity of each choice (internal; shapes answer distributions).</summary>
    internal double[] ChoiceWeights { get; init; } = [];

    /// <summary>Quiz: bit mask of the correct choices.</summary>
    internal int CorrectMask { get; init; }

    /// <summary>Quiz with more than one correct choice (multi-select; response ids joined by "[,]").</summary>
    public bool MultipleAnswers => CorrectChoiceIds.Count > 1;
}

/// <summary>A lesson: an Activity with id {BaseUrl}/{12 alphanumeric characters}.</summary>
public sealed record Lesson(int Number, string Name, string Description, string Url, string? Theme, IReadOnlyList<Card> Cards)
{
    /// <summary>"3. Rewire Your Story", as in lesson_mapping.json.</summary>
    public string DisplayName => $"{Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}. {Name}";

    /// <summary>Dropout probability of this lesson before learner differences (internal).</summary>
    internal double BaseDropout { get; init; }
}

/// <summary>The course: lessons in order.</summary>
public sealed record Course(string BaseUrl, IReadOnlyList<Lesson> Lessons)
{
    public IEnumerable<Card> Cards => Lessons.SelectMany(l => l.Cards);

    /// <summary>
    /// The catalogue in the format of the real lesson_mapping.json ({"timestamp", "lessons": {"1": {lesson_number,
    /// lesson_name, lesson_url, description, display_name}}}), so the product can load it the same way.
    /// </summary>
    public string ToLessonMappingJson(DateTimeOffset timestamp)
    {
        var lessons = new JsonObject();
        foreach (var lesson in Lessons)
        {
            lessons[lesson.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["lesson_number"] = lesson.Number,
                ["lesson_name"] = lesson.Name,
                ["lesson_url"] = lesson.Url,
                ["description"] = lesson.Description,
                ["display_name"] = lesson.DisplayName,
            };
        }

        var root = new JsonObject
        {
            ["timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture),
            ["lessons"] = lessons,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}

/// <summary>A cohort: learners who start on the same date.</summary>
public sealed record Cohort(int Index, string Name, DateOnly StartDate);

/// <summary>A learner. The actor is {"account":{"homePage":"https://7taps.com","name":AccountName}} plus "name" when DisplayName is set.</summary>
/// <param name="UtcOffsetMinutes">The learner's time zone: they are active at plausible local hours; timestamps are UTC.</param>
public sealed record Learner(int Index, string AccountName, string? DisplayName, int Cohort, int UtcOffsetMinutes);

/// <summary>What a generated statement is.</summary>
public enum StatementKind
{
    /// <summary>verb answered, object = a card.</summary>
    Answered,

    /// <summary>verb completed, object = the lesson.</summary>
    Completed,

    /// <summary>verb voided, object = StatementRef to an earlier answered statement.</summary>
    Voiding,
}

/// <summary>The label planted in a free-text (form) answer.</summary>
/// <param name="Theme">One of <see cref="FreeTextBank.Themes"/>.</param>
/// <param name="Tone">positive, negative or neutral (<see cref="FreeTextBank.Tones"/>).</param>
/// <param name="Concerning">The text contains one of <see cref="FreeTextBank.ConcerningPhrases"/> (tone is then negative).</param>
public sealed record FreeTextLabel(string Theme, string Tone, bool Concerning);

/// <summary>One emitted statement.</summary>
/// <param name="Json">Compact JSON (UTF-16 string; non-ASCII characters are not escaped).</param>
/// <param name="FreeText">Planted label for form answers; null otherwise.</param>
public sealed record GeneratedStatement(Guid Id, DateTimeOffset Timestamp, string Json, int LearnerIndex, StatementKind Kind, FreeTextLabel? FreeText);
