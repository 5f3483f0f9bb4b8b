using System.Text;

namespace SevenTaps.Generator;

/// <summary>
/// Free-text answers built from varied phrasings around themes and tones, in the voice of the real focus-group
/// answers (short, casual, sometimes lower case, sometimes with an emoji).
/// </summary>
/// <remarks>
/// Every answer is built around exactly one theme and one tone. The phrasings keep to their theme's
/// vocabulary: an answer contains at least one of its theme's <see cref="ThemeKeywords"/> (whole words,
/// case-insensitive) and none of any other theme's, so a keyword classifier has a fair, checkable baseline.
/// <see cref="ConcerningPhrases"/> appear only in answers labelled concerning.
/// </remarks>
public static class FreeTextBank
{
    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string Neutral = "neutral";

    public static IReadOnlyList<string> Tones { get; } = [Positive, Negative, Neutral];

    public static IReadOnlyList<string> Themes { get; } =
        ["sleep", "screen-time", "stress", "focus", "connection", "energy", "movement", "social-media", "self-talk"];

    /// <summary>Whole-word (case-insensitive) markers of each theme.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ThemeKeywords { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["sleep"] = ["sleep", "slept", "asleep", "bed", "bedtime", "wake", "rested", "nap"],
        ["screen-time"] = ["screen time", "screen", "phone", "phones", "notifications", "pickups", "app limits", "grayscale"],
        ["stress"] = ["stress", "stressed", "stressful", "anxiety", "anxious", "overwhelmed", "overwhelming", "calm", "calmer", "calms", "tense", "worry", "worries", "breathing", "spiraling"],
        ["focus"] = ["focus", "focused", "deep work", "productive", "productivity", "procrastinate", "distracted", "concentrate", "multitasking", "single-task", "study", "studying"],
        ["connection"] = ["friend", "friends", "family", "mom", "roommate", "roommates", "connected", "disconnected", "connection", "lonely", "conversation", "conversations"],
        ["energy"] = ["energy", "energized", "drained", "exhausted", "tired", "caffeine", "coffee", "coffees", "crash", "crashes"],
        ["movement"] = ["walk", "walked", "walking", "stretch", "stretching", "gym", "workout", "exercised", "move", "moving", "stairs", "step goal"],
        ["social-media"] = ["social media", "feed", "instagram", "tiktok", "reels", "scroll", "scrolling", "likes", "post", "posts", "fomo", "accounts"],
        ["self-talk"] = ["self-talk", "inner critic", "negative thoughts", "confidence", "confident", "mindset", "doubting myself", "kinder to myself"],
    };

    /// <summary>Phrases a watch list should flag; they appear only in answers labelled concerning.</summary>
    public static IReadOnlyList<string> ConcerningPhrases { get; } =
    [
        "I feel completely hopeless",
        "I don't see the point of anything anymore",
        "I feel like a burden to everyone",
        "I can't keep going like this",
        "nothing I do matters",
        "everyone would be better off without me",
    ];

    // [theme][tone] -> core sentences (no trailing punctuation).
    private static readonly Dictionary<string, string[][]> Cores = new()
    {
        ["sleep"] =
        [
            [
                "I've been getting to bed at the same time every night and I actually wake up rested",
                "My sleep has been so much better since I started a wind-down routine",
                "Slept eight hours three nights in a row, that's a record for me",
                "Reading a book before bed helps me fall asleep way faster",
                "Going to bed earlier is paying off, mornings feel easier",
            ],
            [
                "I keep staying up way too late and my sleep is a mess",
                "I wake up at 3am most nights and can't get back to sleep",
                "My bedtime keeps slipping later and later",
                "Sleep is rough right now, I lie in bed for hours",
                "I'm getting about five hours of sleep a night",
            ],
            [
                "I'm trying to keep a consistent bedtime",
                "My sleep is fine on weekdays, weekends are all over the place",
                "Not sure if the new bedtime routine changes much yet",
                "I sleep around seven hours, depends on the night",
                "Still experimenting with when to go to bed",
            ],
        ],
        ["screen-time"] =
        [
            [
                "My screen time is down almost an hour a day",
                "I turned off most notifications and I barely miss them",
                "Leaving my phone in another room has been a game changer",
                "Grayscale mode made my phone so boring, in a good way",
                "I check my screen time report every Sunday and it keeps going down",
            ],
            [
                "My screen time is over seven hours and that honestly scares me",
                "I pick up my phone without even thinking about it",
                "I tried app limits but I just tap ignore every time",
                "My phone is the first thing I grab in the morning and the last thing I put down",
                "Way too many pickups, like over a hundred a day",
            ],
            [
                "I didn't know my screen time was that high",
                "I'm tracking my phone pickups this week to see the pattern",
                "Most of my screen time is for school, so it's hard to cut",
                "Trying to keep my phone off the table at dinner",
                "I use my phone a lot but mostly for messages",
            ],
        ],
        ["stress"] =
        [
            [
                "Box breathing actually calms me down when things pile up",
                "I feel way less stressed than I did a month ago",
                "Taking a pause before reacting has helped my anxiety a lot",
                "Writing my worries down at night makes my head feel calmer",
                "I handled a stressful week without spiraling",
            ],
            [
                "I'm so stressed about money right now",
                "My anxiety has been through the roof this week",
                "Everything feels overwhelming and I can't switch off",
                "Deadlines are stacking up and I'm constantly tense",
                "I worry about everything, even small stuff",
            ],
            [
                "Stress comes and goes depending on the week",
                "I'm trying the breathing trick when I feel anxious",
                "I notice my shoulders get tense when I'm stressed",
                "Some days are calm, some are not",
                "Still learning what my stress triggers are",
            ],
        ],
        ["focus"] =
        [
            [
                "I got through a full hour of deep work without checking anything",
                "Using a timer helps me focus on one task at a time",
                "I finished my paper early for once, my focus was on point",
                "Blocking my calendar for focused work is really working",
                "I've been way more productive in the mornings",
            ],
            [
                "I can't focus for more than ten minutes",
                "I procrastinate on everything until the last minute",
                "I start five tasks and finish none, my focus is gone",
                "I get distracted constantly when I study",
                "My productivity is at an all time low",
            ],
            [
                "I focus best in the late morning",
                "Trying to single-task instead of multitasking",
                "Some days I'm productive, some days not at all",
                "I concentrate better with music on, not sure why",
                "Still figuring out where I do my best studying",
            ],
        ],
        ["connection"] =
        [
            [
                "I called my mom twice this week and it felt great",
                "Had a long dinner with friends and we talked for hours",
                "I feel more connected to my roommates lately",
                "Reached out to an old friend and we're meeting up Saturday",
                "Spending real time with my family has been the best part of the week",
            ],
            [
                "I feel lonely even when I'm around people",
                "I haven't really talked to my friends in weeks",
                "I miss my family a lot since I left home",
                "Most of my conversations happen over text and it feels empty",
                "I feel disconnected from everyone around me",
            ],
            [
                "I see my friends mostly on weekends",
                "I'm trying to have one real conversation a day",
                "My family is far away so we mostly video chat",
                "Connection is something I want to work on",
                "I talk to my roommate most days",
            ],
        ],
        ["energy"] =
        [
            [
                "I have way more energy in the afternoons now",
                "Drinking water first thing gives me a real energy boost",
                "I feel energized instead of drained at the end of the day",
                "Cutting back on caffeine helped my energy more than I expected",
                "My energy is steady now, no more 3pm crash",
            ],
            [
                "I'm exhausted by lunchtime every day",
                "I feel drained no matter what I do",
                "My energy crashes hard in the afternoon",
                "I'm tired all the time lately",
                "I need three coffees just to function",
            ],
            [
                "My energy depends a lot on what I eat",
                "Mornings are low energy, evenings are better",
                "I'm tracking when I feel tired during the day",
                "Energy is okay, nothing special",
                "I'm testing whether less caffeine changes anything",
            ],
        ],
        ["movement"] =
        [
            [
                "I went on a walk every day this week",
                "Stretching between classes makes my back feel so much better",
                "Back at the gym three times a week and loving it",
                "A short workout in the morning sets the tone for my whole day",
                "I've been taking the stairs and hitting my step goal",
            ],
            [
                "I sit at my desk all day and barely move",
                "I keep skipping the gym and feel guilty about it",
                "My back hurts from sitting so much and I never stretch",
                "I haven't exercised in weeks",
                "I know I should walk more but I never do",
            ],
            [
                "I try to walk when the weather is nice",
                "I do some stretching in the evenings",
                "I'm aiming for a workout twice a week",
                "Moving helps a bit, hard to say how much",
                "I walk to class, that's about it",
            ],
        ],
        ["social-media"] =
        [
            [
                "I unfollowed a bunch of accounts that made me feel bad and my feed feels lighter",
                "Deleted TikTok for the week and I don't miss it",
                "I only post things that feel real now and I care less about likes",
                "Social media is mostly for sharing photos with close people now",
                "Muting a few accounts was the best thing I did this month",
            ],
            [
                "Instagram leaves me comparing myself to everyone",
                "I lose an hour on reels before I even notice",
                "Scrolling my feed makes me feel left out",
                "Every time I open social media I feel worse about how I look",
                "The FOMO from other people's posts is real",
            ],
            [
                "I mostly use social media to keep up with news",
                "My feed is a mix of good and bad stuff",
                "I'm noticing which accounts I scroll past",
                "Not sure social media affects me that much",
                "I check Instagram a few times a day",
            ],
        ],
        ["self-talk"] =
        [
            [
                "I'm catching my negative thoughts and talking back to them",
                "I've been kinder to myself this week, and it shows",
                "My self-talk is way more encouraging than it used to be",
                "I feel more confident speaking up in class",
                "Writing down three things I did well is boosting my confidence",
            ],
            [
                "My inner critic is loud and I believe it most days",
                "I'm constantly doubting myself",
                "I have negative thoughts about myself almost every day",
                "My mindset has been really negative lately",
                "My self-talk gets harsh when I mess up",
            ],
            [
                "I'm noticing my self-talk more than before",
                "My mindset depends on the day",
                "Working on catching negative thoughts early",
                "I'm not sure how confident I feel yet",
                "Trying to reframe things when my inner critic shows up",
            ],
        ],
    };

    private static readonly string[] Openers = ["Honestly, ", "I think ", "Tbh ", "Hmm, ", "So, ", "Lately, ", "Okay so ", "Real talk: ", "Not gonna lie, "];

    private static readonly string[][] Closers =
    [
        [".", "!", " 🙌", " 😊", ". Feeling good about it.", ". Small wins!", "!! 💪"],
        [".", "", ". Not great.", " 😩", ". Ugh.", ". It's a lot.", "..."],
        [".", "", ". We'll see.", " 🤷", ". Still figuring it out.", ". Work in progress."],
    ];

    private static readonly string[] ProperNouns = ["Instagram", "TikTok"];

    internal static int ToneIndex(string tone) => tone switch
    {
        Positive => 0,
        Negative => 1,
        Neutral => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(tone)),
    };

    /// <summary>Builds one answer for (theme, tone), optionally with a concerning sentence.</summary>
    internal static string Compose(DeterministicRandom rng, string theme, int tone, bool concerning, StringBuilder sb)
    {
        sb.Clear();
        var cores = Cores[theme][tone];
        var first = rng.Next(cores.Length);
        var opener = rng.Chance(0.35) ? Openers[rng.Next(Openers.Length)] : "";
        if (concerning && rng.Chance(0.4))
        {
            sb.Append(Capitalize(ConcerningPhrases[rng.Next(ConcerningPhrases.Count)])).Append(". ");
            concerning = false;
        }

        sb.Append(opener);
        AppendCore(sb, cores[first], lowerFirst: opener.Length > 0);
        if (rng.Chance(0.3))
        {
            var second = (first + 1 + rng.Next(cores.Length - 1)) % cores.Length;
            // ", and ..." reads naturally only before a subject ("I ...", "My ...").
            if (rng.Chance(0.5) || !(KeepCapital(cores[second]) || cores[second].StartsWith("My ", StringComparison.Ordinal)))
            {
                sb.Append(". ");
                AppendCore(sb, cores[second], lowerFirst: false);
            }
            else
            {
                sb.Append(", and ");
                AppendCore(sb, cores[second], lowerFirst: true);
            }
        }

        if (concerning)
        {
            sb.Append(". ").Append(Capitalize(ConcerningPhrases[rng.Next(ConcerningPhrases.Count)]));
        }

        var closers = Closers[tone];
        sb.Append(closers[rng.Next(closers.Length)]);
        var text = sb.ToString();
        return rng.Chance(0.15) ? text.ToLowerInvariant() : text;
    }

    private static void AppendCore(StringBuilder sb, string core, bool lowerFirst)
    {
        if (lowerFirst && !KeepCapital(core))
        {
            sb.Append(char.ToLowerInvariant(core[0])).Append(core, 1, core.Length - 1);
        }
        else
        {
            sb.Append(core);
        }
    }

    private static bool KeepCapital(string core) =>
        core.StartsWith("I ", StringComparison.Ordinal)
        || core.StartsWith("I'", StringComparison.Ordinal)
        || ProperNouns.Any(p => core.StartsWith(p, StringComparison.Ordinal));

    private static string Capitalize(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
