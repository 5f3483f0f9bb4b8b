using System.Globalization;
using System.Text;

namespace SevenTaps.Generator;

/// <summary>
/// Turns trace events into compact statement JSON. Everything constant (verbs, card and lesson objects,
/// context) is serialized once; a statement is then a handful of appends.
/// </summary>
internal sealed class StatementSerializer
{
    public const string AnsweredVerb = "http://adlnet.gov/expapi/verbs/answered";
    public const string CompletedVerb = "http://adlnet.gov/expapi/verbs/completed";
    public const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";
    public const string QuestionType = "http://adlnet.gov/expapi/activities/question";
    public const string LessonType = "http://adlnet.gov/expapi/activities/lesson";
    public const string AccountHomePage = "https://7taps.com";
    public const string UploadBase = "https://uploads.7taps.com/responses/";

    private const string AnsweredHead = ",\"verb\":{\"id\":\"" + AnsweredVerb + "\",\"display\":{\"en-US\":\"answered\"}},\"actor\":";
    private const string CompletedHead = ",\"verb\":{\"id\":\"" + CompletedVerb + "\",\"display\":{\"en-US\":\"completed\"}},\"actor\":";
    private const string VoidedHead = ",\"verb\":{\"id\":\"" + VoidedVerb + "\",\"display\":{\"en-US\":\"voided\"}},\"actor\":";

    private readonly int seed;
    private readonly Course course;
    private readonly string[][] cardObjects;   // ,"object":{...}
    private readonly string[] contexts;        // ,"context":{...}
    private readonly string[] lessonObjects;   // ,"object":{...}
    private readonly string[][][] choiceIds;   // quoted
    private readonly string[] lessonKeys;      // lesson id part of the URL
    private readonly StringBuilder sb = new(4096);

    public StatementSerializer(int seed, Course course)
    {
        this.seed = seed;
        this.course = course;
        var lessons = course.Lessons;
        cardObjects = new string[lessons.Count][];
        choiceIds = new string[lessons.Count][][];
        contexts = new string[lessons.Count];
        lessonObjects = new string[lessons.Count];
        lessonKeys = new string[lessons.Count];
        for (var k = 0; k < lessons.Count; k++)
        {
            var lesson = lessons[k];
            lessonKeys[k] = lesson.Url[(lesson.Url.LastIndexOf('/') + 1)..];
            contexts[k] = ",\"context\":{\"contextActivities\":{\"parent\":{\"id\":" + JsonText.Quote(lesson.Url) + ",\"objectType\":\"Activity\"}}}";
            lessonObjects[k] = ",\"object\":{\"id\":" + JsonText.Quote(lesson.Url)
                + ",\"definition\":{\"name\":{\"en-US\":" + JsonText.Quote(lesson.Name) + "},\"type\":\"" + LessonType
                + "\",\"description\":{\"en-US\":\"7taps lesson\"}},\"objectType\":\"Activity\"}";
            cardObjects[k] = lesson.Cards.Select(CardObject).ToArray();
            choiceIds[k] = lesson.Cards.Select(c => c.Choices.Select(x => x.Id).ToArray()).ToArray();
        }
    }

    private static string CardObject(Card card)
    {
        var b = new StringBuilder(1024);
        b.Append(",\"object\":{\"id\":");
        JsonText.AppendString(b, card.Id);
        b.Append(",\"definition\":{\"name\":{\"en-US\":");
        JsonText.AppendString(b, card.NameDelta);
        b.Append("},\"type\":\"").Append(QuestionType).Append("\",\"description\":{\"en-US\":");
        JsonText.AppendString(b, CardTypes.Description(card.Type));
        b.Append("},\"interactionType\":\"").Append(CardTypes.InteractionType(card.Type)).Append('"');
        if (card.Type == CardType.Quiz)
        {
            b.Append(",\"correctResponsesPattern\":[");
            JsonText.AppendString(b, string.Join("[,]", card.CorrectChoiceIds));
            b.Append(']');
        }

        if (card.Choices.Count > 0)
        {
            b.Append(card.Type == CardType.Rate ? ",\"scale\":[" : ",\"choices\":[");
            for (var i = 0; i < card.Choices.Count; i++)
            {
                if (i > 0)
                {
                    b.Append(',');
                }

                b.Append("{\"id\":");
                JsonText.AppendString(b, card.Choices[i].Id);
                b.Append(",\"description\":{\"en-US\":");
                JsonText.AppendString(b, card.Choices[i].Label);
                b.Append("}}");
            }

            b.Append(']');
        }

        return b.Append("},\"objectType\":\"Activity\"}").ToString();
    }

    /// <summary>The actor JSON, built once per learner.</summary>
    public static string Actor(Learner learner)
    {
        var b = new StringBuilder(128);
        b.Append('{');
        if (learner.DisplayName is not null)
        {
            b.Append("\"name\":");
            JsonText.AppendString(b, learner.DisplayName);
            b.Append(',');
        }

        b.Append("\"account\":{\"name\":\"").Append(learner.AccountName).Append("\",\"homePage\":\"").Append(AccountHomePage).Append("\"}}");
        return b.ToString();
    }

    public Guid Id(int learner, int seq) => Hashing.StatementId(seed, learner, seq);

    /// <summary>The response of an answered event, as it appears in result.response.</summary>
    public string Response(int learner, in TraceEvent e)
    {
        var card = course.Lessons[e.Lesson].Cards[e.Card];
        switch (card.Type)
        {
            case CardType.Poll:
            case CardType.Rate:
                return card.Choices[e.Choice].Id;
            case CardType.Quiz:
            {
                var mask = e.Choice;
                return string.Join("[,]", card.Choices.Where((_, k) => (mask & (1 << k)) != 0).Select(c => c.Id));
            }

            case CardType.Form:
                return e.Text!;
            default:
                return MediaUrl(learner, e, card);
        }
    }

    private string MediaUrl(int learner, in TraceEvent e, Card card)
    {
        var h = Hashing.Mix64(((ulong)(uint)learner << 22 | (uint)e.Seq) ^ Hashing.Salt(seed, 0x4D45_4449_41UL));
        var ext = card.MediaKind switch { "audio" => "m4a", "video" => "mp4", _ => "jpg" };
        return string.Create(CultureInfo.InvariantCulture, $"{UploadBase}{lessonKeys[e.Lesson]}/{h:x16}.{ext}");
    }

    public string Serialize(int learner, string actor, in TraceEvent e)
    {
        sb.Clear();
        sb.Append("{\"id\":\"");
        AppendGuid(Id(learner, e.Seq));
        sb.Append('"');
        switch (e.Kind)
        {
            case StatementKind.Answered:
                sb.Append(AnsweredHead).Append(actor).Append(cardObjects[e.Lesson][e.Card]).Append(",\"result\":{");
                AppendResult(learner, e);
                sb.Append('}').Append(contexts[e.Lesson]);
                break;
            case StatementKind.Completed:
                sb.Append(CompletedHead).Append(actor).Append(lessonObjects[e.Lesson]).Append(",\"result\":{\"completion\":true,\"duration\":");
                JsonText.AppendDuration(sb, e.DurationSeconds);
                sb.Append('}');
                break;
            default:
                sb.Append(VoidedHead).Append(actor).Append(",\"object\":{\"objectType\":\"StatementRef\",\"id\":\"");
                AppendGuid(Id(learner, e.TargetSeq));
                sb.Append("\"}");
                break;
        }

        sb.Append(",\"timestamp\":");
        JsonText.AppendTimestamp(sb, e.Time);
        return sb.Append('}').ToString();
    }

    private void AppendResult(int learner, in TraceEvent e)
    {
        var card = course.Lessons[e.Lesson].Cards[e.Card];
        switch (card.Type)
        {
            case CardType.Quiz:
            {
                var max = card.CorrectChoiceIds.Count;
                var scaled = (double)e.ScoreRaw / max;
                sb.Append("\"score\":{\"scaled\":").Append(scaled.ToString("R", CultureInfo.InvariantCulture))
                    .Append(",\"raw\":").Append(e.ScoreRaw)
                    .Append(",\"min\":0,\"max\":").Append(max)
                    .Append("},\"success\":").Append(e.Choice == card.CorrectMask ? "true" : "false")
                    .Append(",\"response\":");
                var ids = choiceIds[e.Lesson][e.Card];
                sb.Append('"');
                var first = true;
                for (var k = 0; k < ids.Length; k++)
                {
                    if ((e.Choice & (1 << k)) != 0)
                    {
                        if (!first)
                        {
                            sb.Append("[,]");
                        }

                        sb.Append(ids[k]);
                        first = false;
                    }
                }

                sb.Append('"');
                break;
            }

            case CardType.Poll:
            case CardType.Rate:
                sb.Append("\"success\":true,\"response\":");
                JsonText.AppendString(sb, choiceIds[e.Lesson][e.Card][e.Choice]);
                break;
            case CardType.Form:
                sb.Append("\"success\":true,\"response\":");
                JsonText.AppendString(sb, e.Text!);
                break;
            default:
                sb.Append("\"success\":true,\"response\":");
                JsonText.AppendString(sb, MediaUrl(learner, e, card));
                break;
        }

        if (e.DurationSeconds >= 0)
        {
            sb.Append(",\"duration\":");
            JsonText.AppendDuration(sb, e.DurationSeconds);
        }
    }

    private void AppendGuid(Guid id)
    {
        Span<char> buf = stackalloc char[36];
        id.TryFormat(buf, out _, "D");
        sb.Append(buf);
    }
}
