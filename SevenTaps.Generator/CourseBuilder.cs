using System.Globalization;
using System.Text;

namespace SevenTaps.Generator;

/// <summary>Builds the course (lessons, cards, ids, answer popularity) from the options' seed.</summary>
internal static class CourseBuilder
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly string[] RomanSuffix = ["", " II", " III", " IV", " V", " VI", " VII", " VIII", " IX", " X"];

    // Extra card types beyond the one-of-each: polls are most common, then quiz and form.
    private static readonly CardType[] ExtraTypes = [CardType.Poll, CardType.Quiz, CardType.Form, CardType.Rate, CardType.SubmitMedia];

    private static readonly double[] ExtraWeights = [0.36, 0.20, 0.20, 0.12, 0.12];

    public static Course Build(GeneratorOptions options)
    {
        var rng = DeterministicRandom.For(options.Seed, 0xC0_55E, 0);
        var lessonIds = new HashSet<string>(StringComparer.Ordinal);
        var cardIds = new HashSet<int>();
        var lessons = new List<Lesson>(options.LessonCount);
        for (var i = 0; i < options.LessonCount; i++)
        {
            var seed = CourseContent.Lessons[i % CourseContent.Lessons.Length];
            var round = i / CourseContent.Lessons.Length;
            var name = seed.Name + (round < RomanSuffix.Length ? RomanSuffix[round] : " " + (round + 1).ToString(CultureInfo.InvariantCulture));
            string id;
            do
            {
                id = string.Create(12, rng, static (span, r) =>
                {
                    for (var k = 0; k < span.Length; k++)
                    {
                        span[k] = Alphanumeric[r.Next(Alphanumeric.Length)];
                    }
                });
            }
            while (!lessonIds.Add(id));

            var url = options.BaseUrl + "/" + id;
            var cardCount = rng.Between(options.MinCardsPerLesson, options.MaxCardsPerLesson);
            var cards = BuildCards(rng, url, i, seed.Theme, cardCount, cardIds);

            // Dropout: mean 1 - LessonRetention, a fixed jitter per lesson, a little more early on.
            var jitter = rng.Between(-0.03, 0.03);
            var early = i == 1 ? 0.025 : i == 2 ? 0.01 : 0;
            lessons.Add(new Lesson(i + 1, name, seed.Description, url, seed.Theme, cards)
            {
                BaseDropout = Math.Clamp(1 - options.LessonRetention + jitter + early, 0.002, 0.9),
            });
        }

        return new Course(options.BaseUrl, lessons);
    }

    private static List<Card> BuildCards(DeterministicRandom rng, string lessonUrl, int lessonIndex, string? theme, int count, HashSet<int> cardIds)
    {
        var types = new List<CardType>(CardTypes.All);
        while (types.Count < count)
        {
            types.Add(ExtraTypes[rng.PickWeighted(ExtraWeights)]);
        }

        for (var i = types.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (types[i], types[j]) = (types[j], types[i]);
        }

        var own = theme is null ? null : CourseContent.ForTheme(theme);
        var others = CourseContent.ByTheme.Where(t => t.Theme != theme).ToArray();
        var offset = lessonIndex % others.Length;
        var ordered = new List<ThemeCards>();
        if (own is not null)
        {
            ordered.Add(own);
        }

        ordered.Add(CourseContent.Generic);
        for (var k = 0; k < others.Length; k++)
        {
            ordered.Add(others[(offset + k) % others.Length]);
        }

        var topic = own?.Topic ?? "your habits";
        var polls = new Queue<(PollTemplate, string?)>(ordered.SelectMany(t => t.Polls.Select(p => (p, (string?)null))));
        var quizzes = new Queue<QuizTemplate>(ordered.SelectMany(t => t.Quizzes));
        var rates = new Queue<RateTemplate>(ordered.SelectMany(t => t.Rates));
        var forms = new Queue<(string Markup, string? Theme)>(ordered.SelectMany(t => t.Forms.Select(f => (f, t.Theme.Length == 0 ? null : t.Theme))));
        var media = new Queue<MediaTemplate>(ordered.SelectMany(t => t.Media));
        var pollSlots = types.Count(t => t == CardType.Poll);
        var pollsSeen = 0;

        var cards = new List<Card>(count);
        for (var position = 1; position <= types.Count; position++)
        {
            var type = types[position - 1];
            int numericId;
            do
            {
                numericId = rng.Between(1_000_000, 9_999_999);
            }
            while (!cardIds.Add(numericId));

            var id = $"{lessonUrl}/{CardTypes.Slug(type)}/{numericId.ToString(CultureInfo.InvariantCulture)}";
            Card card;
            switch (type)
            {
                case CardType.Poll:
                {
                    pollsSeen++;
                    var template = pollsSeen == 1 ? CourseContent.PulsePoll(topic)
                        : pollsSeen == pollSlots ? CourseContent.LookingBackPoll(topic)
                        : Next(polls).Item1;
                    var weights = template.Choices.Select((_, k) => 0.25 + Exponential(rng) * (template.Ordinal ? OrdinalBias(k, template.Choices.Length) : 1)).ToArray();
                    card = Make(id, type, position, lessonUrl, template.Markup, null, Letters(template.Choices), [], null) with { ChoiceWeights = weights };
                    break;
                }

                case CardType.Quiz:
                {
                    var template = Next(quizzes);
                    var choices = Letters(template.Choices);
                    var mask = template.Correct.Aggregate(0, (m, k) => m | (1 << k));
                    var weights = template.Choices.Select(_ => 0.3 + Exponential(rng)).ToArray();
                    card = Make(id, type, position, lessonUrl, template.Markup, null, choices, template.Correct.Select(k => choices[k].Id).ToArray(), null)
                        with { ChoiceWeights = weights, CorrectMask = mask };
                    break;
                }

                case CardType.Rate:
                {
                    var template = Next(rates);
                    var points = template.Scale.Points.Select(p => new Choice(p.Id, p.Label)).ToArray();
                    var weights = template.Scale.Weights.Select(w => w * rng.Between(0.75, 1.25)).ToArray();
                    card = Make(id, type, position, lessonUrl, template.Markup, null, points, [], null) with { ChoiceWeights = weights };
                    break;
                }

                case CardType.Form:
                {
                    var (markup, formTheme) = Next(forms);
                    card = Make(id, type, position, lessonUrl, markup, formTheme, [], [], null);
                    break;
                }

                default:
                {
                    var template = Next(media);
                    card = Make(id, type, position, lessonUrl, template.Markup, null, [], [], template.Kind);
                    break;
                }
            }

            cards.Add(card);
        }

        return cards;
    }

    private static T Next<T>(Queue<T> queue)
    {
        var item = queue.Dequeue();
        queue.Enqueue(item); // wrap around when a very long lesson exhausts the bank
        return item;
    }

    private static double Exponential(DeterministicRandom rng) => -Math.Log(1 - rng.NextDouble());

    // Pulse checks and looking-back polls lean towards the upper-middle answers, like the real ones.
    private static double OrdinalBias(int k, int n) => n == 4 ? new[] { 0.45, 1.0, 1.6, 1.25 }[k] : 1;

    private static Choice[] Letters(string[] labels) =>
        labels.Select((label, k) => new Choice(((char)('a' + k)).ToString(), label)).ToArray();

    private static Card Make(string id, CardType type, int position, string lessonUrl, string markup, string? theme, IReadOnlyList<Choice> choices, IReadOnlyList<string> correct, string? mediaKind) =>
        new(id, type, position, lessonUrl, ToDelta(markup), PlainText(markup), theme, choices, correct, mediaKind);

    public static string PlainText(string markup) => markup.Replace("**", "", StringComparison.Ordinal);

    /// <summary>"**bold**\nplain" -> {"ops":[{"attributes":{"bold":true},"insert":"bold"},{"insert":"\nplain\n"}]}.</summary>
    public static string ToDelta(string markup)
    {
        var parts = markup.Split("**");
        var ops = new List<(string Text, bool Bold)>();
        for (var k = 0; k < parts.Length; k++)
        {
            if (parts[k].Length > 0)
            {
                ops.Add((parts[k], k % 2 == 1));
            }
        }

        // A Quill document always ends with a newline.
        if (ops.Count == 0 || ops[^1].Bold)
        {
            ops.Add(("\n", false));
        }
        else
        {
            ops[^1] = (ops[^1].Text + "\n", false);
        }

        var sb = new StringBuilder("{\"ops\":[");
        for (var k = 0; k < ops.Count; k++)
        {
            if (k > 0)
            {
                sb.Append(',');
            }

            sb.Append(ops[k].Bold ? "{\"attributes\":{\"bold\":true},\"insert\":" : "{\"insert\":");
            JsonText.AppendString(sb, ops[k].Text);
            sb.Append('}');
        }

        return sb.Append("]}").ToString();
    }
}
