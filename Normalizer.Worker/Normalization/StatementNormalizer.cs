using System.Globalization;
using System.Text.Json.Nodes;
using SevenTaps.Xapi;

namespace Normalizer.Worker.Normalization;

/// <summary>
/// Maps one stored xAPI statement (exact format, already validated by the LRS) to the rows of the analysis
/// tables. Pure and deterministic: no I/O, no clock, no randomness, and the input is only read.
/// </summary>
/// <remarks>
/// <para><b>Lesson</b>, first rule that applies:
/// (1) the object is an Activity whose id is a card, <c>{lessonUrl}/{slug}/{digits}</c> (<see cref="CardTypes.TryParseCardUrl"/>):
/// the lesson is context.contextActivities.parent when present, else <c>{lessonUrl}</c>;
/// (2) the object is an Activity whose definition type is lesson-like (…/lesson, …/module, …/course): the object;
/// (3) contextActivities.parent exists (an object, or the first of an array): the parent (and when the parent is
/// the object itself, the object is the lesson);
/// (4) the object is an Activity, the verb is one of <see cref="LessonVerbs"/> and the definition does not mark it
/// as a question (interactionType, or type …/question, …/interaction, …/cmi.interaction): the object;
/// (5) no lesson.</para>
/// <para><b>Question type</b>, first that applies: a known 7taps card slug; the interactionType (choice,
/// true-false, sequencing → "quiz" with a correctResponsesPattern, else "poll"; likert → "rate"; fill-in,
/// long-fill-in, numeric → "form"; matching → "quiz" with a pattern, else "other"; performance, other →
/// "other"); any other card slug, words lower-cased ("open-question" → "open question"); the definition type's
/// last segment, the same way; "unknown".</para>
/// </remarks>
public static class StatementNormalizer
{
    /// <summary>The Source value of every row.</summary>
    public const string Source = "xapi";

    /// <summary>Verbs (matched by the IRI's last segment, case-insensitively) whose Activity object is a lesson when nothing else names one.</summary>
    public static IReadOnlySet<string> LessonVerbs { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "completed", "attempted", "experienced", "initialized", "launched", "passed", "failed",
        "progressed", "terminated", "resumed", "suspended",
    };

    /// <summary>Activity definition types (last IRI segment, case-insensitive) that are a lesson.</summary>
    public static IReadOnlySet<string> LessonActivityTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "lesson", "module", "course",
    };

    private static readonly HashSet<string> QuestionActivityTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "question", "interaction", "cmi.interaction",
    };

    /// <summary>Maps a statement to rows. Never throws for a statement of any shape; reports what it skips.</summary>
    /// <param name="statement">The statement as stored (exact format). Not modified.</param>
    /// <param name="catalogue">Optional lesson catalogue for lesson numbers and names.</param>
    public static NormalizedStatement Normalize(JsonObject statement, LessonCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(statement);

        if (GuidOf(statement["id"]) is not { } statementId)
        {
            return NormalizedStatement.Skip(null, "statement has no valid id");
        }

        var verb = statement["verb"] as JsonObject;
        if (JsonRead.Text(verb?["id"]) is not { } verbId)
        {
            return NormalizedStatement.Skip(statementId, "statement has no verb id");
        }

        if (statement["object"] is not JsonObject target)
        {
            return NormalizedStatement.Skip(statementId, "statement has no object");
        }

        var objectType = JsonRead.Text(target["objectType"]) ?? "Activity";
        if (verbId == StatementIndexKeys.VoidedVerbId && objectType == "StatementRef")
        {
            return GuidOf(target["id"]) is { } voided
                ? NormalizedStatement.Voiding(statementId, voided)
                : NormalizedStatement.Skip(statementId, "voiding statement has no valid StatementRef id");
        }

        if ((TimestampOf(statement["timestamp"]) ?? TimestampOf(statement["stored"])) is not { } timestamp)
        {
            return NormalizedStatement.Skip(statementId, "statement has no valid timestamp or stored");
        }

        if (statement["actor"] is not JsonObject actor)
        {
            return NormalizedStatement.Skip(statementId, "statement has no actor");
        }

        if (LearnerIds.Resolve(actor) is not { } learner)
        {
            return NormalizedStatement.Skip(
                statementId,
                actor["member"] is JsonArray
                    ? "actor is an anonymous group without a member that has an inverse functional identifier"
                    : "actor has no inverse functional identifier");
        }

        var activityId = objectType == "Activity" ? JsonRead.Text(target["id"]) : null;
        var definition = activityId is null ? null : target["definition"] as JsonObject;
        CardUrl? card = null;
        if (activityId is not null && CardTypes.TryParseCardUrl(activityId, out var parsed))
        {
            card = parsed;
        }

        var lessonRef = ResolveLesson(statement, verbId, activityId, definition, card);

        var user = new UserRow(statementId, learner.UserId, learner.Ifi, learner.DisplayName, learner.Email, Source, timestamp);
        var lesson = lessonRef is null ? null : LessonRowOf(statementId, lessonRef, catalogue, timestamp);
        var lessonUrl = lesson?.LessonUrl;

        var question = activityId is not null && lessonRef is not { ObjectIsLesson: true }
            ? QuestionRowOf(statementId, activityId, definition, card, lessonUrl)
            : null;

        var result = statement["result"] as JsonObject;
        var duration = DurationOf(result?["duration"]);
        var success = JsonRead.Bool(result?["success"]);

        ResponseRow? response = null;
        if (result?["response"] is not null || IsAnswered(verbId))
        {
            var score = result?["score"] as JsonObject;
            var value = JsonRead.Raw(result?["response"]);
            response = new ResponseRow(
                statementId,
                learner.UserId,
                question?.QuestionId,
                lessonUrl,
                value,
                ResponseTextOf(value, question),
                success,
                JsonRead.Number(score?["raw"]),
                JsonRead.Number(score?["scaled"]),
                JsonRead.Number(score?["min"]),
                JsonRead.Number(score?["max"]),
                duration,
                timestamp,
                Source)
            {
                Sentiment = FreeTextAnswers.SentimentOf(question?.QuestionType, question?.InteractionType, value),
            };
        }

        var activity = new ActivityRow(
            statementId,
            learner.UserId,
            lessonUrl,
            question?.QuestionId,
            verbId,
            LanguageMaps.PickEnglish(verb?["display"]) is { Length: > 0 } display ? display : LastSegmentOf(verbId),
            JsonRead.Bool(result?["completion"]),
            success,
            duration,
            timestamp,
            Source);

        return new NormalizedStatement(statementId, user, lesson, question, response, activity, null, null);
    }

    // ---- lesson ----

    private sealed record LessonRef(string Url, JsonObject? Definition, bool ObjectIsLesson);

    private static LessonRef? ResolveLesson(JsonObject statement, string verbId, string? activityId, JsonObject? definition, CardUrl? card)
    {
        var parent = ParentOf(statement["context"]);
        var parentRef = parent is null
            ? null
            : new LessonRef(ActivityUrl.Clean(JsonRead.Text(parent["id"])!), parent["definition"] as JsonObject, false);

        if (card is not null)
        {
            return parentRef ?? new LessonRef(card.LessonUrl, null, false);
        }

        if (activityId is null)
        {
            return parentRef;
        }

        var objectUrl = ActivityUrl.Clean(activityId);
        if (IsLessonType(definition))
        {
            return new LessonRef(objectUrl, definition, true);
        }

        if (parentRef is not null)
        {
            return parentRef.Url == objectUrl
                ? new LessonRef(objectUrl, definition ?? parentRef.Definition, true)
                : parentRef;
        }

        return LessonVerbs.Contains(LastSegmentOf(verbId)) && !IsQuestionLike(definition)
            ? new LessonRef(objectUrl, definition, true)
            : null;
    }

    // contextActivities.parent: one object (7taps) or an array (the spec's form); the first with an id.
    private static JsonObject? ParentOf(JsonNode? context) =>
        JsonRead.Objects((context as JsonObject)?["contextActivities"] is JsonObject activities ? activities["parent"] : null)
            .FirstOrDefault(parent => JsonRead.Text(parent["id"]) is not null);

    private static bool IsLessonType(JsonObject? definition) =>
        JsonRead.Text(definition?["type"]) is { } type && LessonActivityTypes.Contains(LastSegmentOf(type));

    private static bool IsQuestionLike(JsonObject? definition) =>
        JsonRead.Text(definition?["interactionType"]) is not null
        || (JsonRead.Text(definition?["type"]) is { } type && QuestionActivityTypes.Contains(LastSegmentOf(type)));

    private static LessonRow LessonRowOf(Guid statementId, LessonRef lesson, LessonCatalogue? catalogue, DateTimeOffset timestamp)
    {
        var entry = catalogue?.FindByUrl(lesson.Url);
        return new LessonRow(
            statementId,
            lesson.Url,
            ActivityUrl.LastSegment(lesson.Url),
            entry?.Number,
            entry?.Name ?? LanguageMaps.PickText(lesson.Definition?["name"]),
            statementId,
            timestamp);
    }

    // ---- question ----

    private static QuestionRow QuestionRowOf(Guid statementId, string activityId, JsonObject? definition, CardUrl? card, string? lessonUrl)
    {
        var interactionType = JsonRead.Text(definition?["interactionType"]);
        var correct = definition?["correctResponsesPattern"] is JsonArray pattern
            ? pattern.Select(JsonRead.Raw).OfType<string>().ToList()
            : [];

        var choices = new List<QuestionChoice>();
        foreach (var list in InteractionTypes.ComponentListNames)
        {
            if (definition?[list] is not JsonArray components)
            {
                continue;
            }

            foreach (var component in components.OfType<JsonObject>())
            {
                if (JsonRead.Text(component["id"]) is { } id)
                {
                    choices.Add(new QuestionChoice(id, LanguageMaps.PickText(component["description"]), list));
                }
            }
        }

        return new QuestionRow(
            statementId,
            ActivityUrl.CleanId(activityId),
            lessonUrl,
            QuestionTypeOf(card, interactionType, correct.Count > 0, JsonRead.Text(definition?["type"])),
            interactionType,
            LanguageMaps.PickText(definition?["name"]),
            LanguageMaps.PickText(definition?["description"]),
            new EquatableList<QuestionChoice>(choices),
            new EquatableList<string>(correct));
    }

    private static string QuestionTypeOf(CardUrl? card, string? interactionType, bool hasCorrectResponses, string? definitionType)
    {
        if (card is { IsKnownCardType: true })
        {
            return card.CardType;
        }

        if (interactionType is not null)
        {
            return interactionType switch
            {
                "choice" or "true-false" or "sequencing" => hasCorrectResponses ? CardTypes.Quiz : CardTypes.Poll,
                "likert" => CardTypes.Rate,
                "fill-in" or "long-fill-in" or "numeric" => CardTypes.Form,
                "matching" => hasCorrectResponses ? CardTypes.Quiz : "other",
                _ => "other",
            };
        }

        if (card is not null)
        {
            return card.CardType;
        }

        if (definitionType is not null && LastSegmentOf(definitionType) is { Length: > 0 } segment)
        {
            return CardTypes.Normalize(segment);
        }

        return "unknown";
    }

    // ---- response ----

    private const string ListSeparator = "[,]";
    private const string PairSeparator = "[.]";
    private const string TextSeparator = " | ";

    private static string? ResponseTextOf(string? value, QuestionRow? question)
    {
        if (value is null)
        {
            return null;
        }

        var choices = question?.Choices ?? EquatableList<QuestionChoice>.Empty;
        string Describe(string id, string component) =>
            choices.FirstOrDefault(choice => choice.Component == component && choice.Id == id.Trim())?.Description ?? id.Trim();

        IEnumerable<string> Items() => value.Split(ListSeparator);

        var text = question?.InteractionType switch
        {
            "choice" or "sequencing" => string.Join(TextSeparator, Items().Select(id => Describe(id, "choices"))),
            "likert" => string.Join(TextSeparator, Items().Select(id => Describe(id, "scale"))),
            "matching" => string.Join(TextSeparator, Items().Select(pair => DescribePair(pair, "source", "target", " → ", Describe))),
            "performance" => string.Join(TextSeparator, Items().Select(step => DescribePair(step, "steps", null, ": ", Describe))),
            "true-false" or "numeric" or "other" => value,
            _ => value.Replace(ListSeparator, TextSeparator, StringComparison.Ordinal),
        };

        return text.Trim();
    }

    // "a[.]b" → "A → B" (matching: both sides described) or "Step: b" (performance: the value kept); no "[.]": the first side alone.
    private static string DescribePair(string pair, string firstList, string? secondList, string joiner, Func<string, string, string> describe)
    {
        var cut = pair.IndexOf(PairSeparator, StringComparison.Ordinal);
        if (cut < 0)
        {
            return describe(pair, firstList);
        }

        var second = pair[(cut + PairSeparator.Length)..].Trim();
        return describe(pair[..cut], firstList) + joiner + (secondList is null ? second : describe(second, secondList));
    }

    private static bool IsAnswered(string verbId) =>
        string.Equals(LastSegmentOf(verbId), "answered", StringComparison.OrdinalIgnoreCase);

    // ---- values ----

    private static Guid? GuidOf(JsonNode? node) =>
        JsonRead.Text(node) is { } text && XapiUuid.IsValid(text) && Guid.TryParseExact(text, "D", out var guid) ? guid : null;

    private static DateTimeOffset? TimestampOf(JsonNode? node)
    {
        if (JsonRead.Text(node) is not { } text)
        {
            return null;
        }

        if (XapiTimestamp.TryParse(text, out var parsed)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
        {
            return parsed.ToUniversalTime();
        }

        return null;
    }

    private static double? DurationOf(JsonNode? node)
    {
        if (!Iso8601Duration.TryParse(JsonRead.Text(node), out var duration) || duration is null)
        {
            return null;
        }

        try
        {
            return duration.TotalSeconds;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    // The last segment of an IRI: after the last '/', '#' or ':' (trailing '/' ignored).
    private static string LastSegmentOf(string iri)
    {
        var trimmed = iri.Trim().TrimEnd('/');
        var cut = trimmed.LastIndexOfAny(['/', '#', ':']);
        return cut >= 0 ? trimmed[(cut + 1)..] : trimmed;
    }
}
