namespace SevenTaps.Generator;

/// <summary>Rate scales: likert points (id, label) and how popular each point is.</summary>
internal sealed record RateScale(string Name, (string Id, string Label)[] Points, double[] Weights)
{
    public static readonly RateScale Thumbs = new("thumbs", [("thumbs-up", "👍"), ("thumbs-down", "👎")], [0.84, 0.16]);

    public static readonly RateScale Stars = new("stars", [("1", "⭐"), ("2", "⭐⭐"), ("3", "⭐⭐⭐"), ("4", "⭐⭐⭐⭐"), ("5", "⭐⭐⭐⭐⭐")], [0.04, 0.09, 0.24, 0.38, 0.25]);

    public static readonly RateScale Mood = new("mood", [("1", "😩"), ("2", "😕"), ("3", "😐"), ("4", "🙂"), ("5", "😍")], [0.05, 0.12, 0.28, 0.35, 0.20]);
}

internal sealed record PollTemplate(string Markup, string[] Choices, bool Ordinal = false);

internal sealed record QuizTemplate(string Markup, string[] Choices, int[] Correct);

internal sealed record RateTemplate(string Markup, RateScale Scale);

internal sealed record MediaTemplate(string Markup, string Kind);

/// <summary>Card templates about one theme. "**x**" marks bold text; "{topic}" is replaced by the theme's topic.</summary>
internal sealed record ThemeCards(
    string Theme,
    string Topic,
    PollTemplate[] Polls,
    QuizTemplate[] Quizzes,
    RateTemplate[] Rates,
    string[] Forms,
    MediaTemplate[] Media);

/// <summary>
/// Course content inspired by the real 7taps digital-wellness course (lesson_mapping.json and the card prompts
/// of the focus-group export). Card prompts are course content; no learner data is used.
/// </summary>
internal static class CourseContent
{
    public sealed record LessonSeed(string Name, string Description, string? Theme);

    public static readonly LessonSeed[] Lessons =
    [
        new("You're Here. Start Strong", "Beginning your digital wellness journey with awareness and intention", "energy"),
        new("Where is Your Attention Going?", "Understanding and directing your attention in the digital age", "screen-time"),
        new("Rewire Your Story", "Transforming your narrative and mindset", "self-talk"),
        new("Focus = Superpower", "Harnessing deep focus as your productivity superpower", "focus"),
        new("Reclaim Your Rest", "Optimizing sleep and recovery for better digital wellness", "sleep"),
        new("Social Media + You", "Building a healthy relationship with social media", "social-media"),
        new("Less Stress. More Calm", "Managing stress and finding calm in a connected world", "stress"),
        new("Move It or Lose It", "Physical movement and wellness habits", "movement"),
        new("Boost IRL Connection", "Strengthening real-life relationships and connections", "connection"),
        new("Celebrate Your Wins", "Acknowledging progress and building sustainable habits", null),
        new("Digital Declutter", "Clearing out the apps, alerts and tabs that drain you", "screen-time"),
        new("Mindful Mornings", "Starting the day with energy instead of a feed", "energy"),
        new("Boundaries That Stick", "Protecting your time and headspace", "stress"),
        new("Kind Self-Talk", "Swapping the inner critic for an inner coach", "self-talk"),
        new("Deep Work Sprints", "Short, intense blocks of undistracted work", "focus"),
        new("Wind Down Right", "Evening routines that set up real rest", "sleep"),
        new("Walk It Out", "Using movement to reset body and mind", "movement"),
        new("Curate Your Feed", "Making social media work for you", "social-media"),
        new("Show Up for Your People", "Being present with the people who matter", "connection"),
        new("Keep the Streak", "Turning small wins into lasting habits", null),
    ];

    private static readonly string[] Ordinal4 = ["1—Not at all", "2—A little bit", "3—Quite a bit", "4—Very much"];

    private static readonly string[] Helpful4 = ["1—Not really", "2—A little bit", "3—Quite helpful", "4—Very helpful"];

    /// <summary>Cards used in any lesson; forms here are generic (no theme of their own).</summary>
    public static readonly ThemeCards Generic = new(
        Theme: "",
        Topic: "",
        Polls:
        [
            new("You took a whole life assessment at the start. Right? ;)\n**How are you feeling about life in this moment?**",
                ["I'm pretty energized right now", "I'm ready for more energy", "Depends on the day", "Honestly, running on empty"]),
            new("How did your weekend adventure go?",
                ["I crushed it! Tons of fun 🎉", "I balanced fun and rest 🥏", "Mostly recharged at home 🛋️", "It got away from me 😅"]),
            new("Rate your follow-through on the Action Steps so far.",
                ["Nailed It 🏆 - did almost all of them", "Hit or Miss 🎯 - some great, some not", "Still Trying 🔧 - work in progress", "Not yet 🌱 - starting now"]),
            new("How confident do you feel about continuing to build new habits on your own?", Ordinal4, Ordinal: true),
        ],
        Quizzes:
        [
            new("**Habit check** 🧩\nWhich of these make a new habit more likely to stick? (pick all that apply)",
                ["Attach it to something you already do", "Wait until you feel motivated", "Start really small", "Do it only on weekends"], [0, 2]),
            new("Research says identifying your wins does what?",
                ["Boosts motivation", "Makes you complacent", "Has no effect"], [0]),
        ],
        Rates:
        [
            new("**Before we dive in**—how's your headspace today?", RateScale.Mood),
            new("**Check in!**\nDid you try the action step from the last lesson?", RateScale.Thumbs),
            new("How are you feeling about the week ahead?", RateScale.Mood),
        ],
        Forms:
        [
            "According to Harvard researchers, identifying wins boosts motivation. 🤩\n**Tell us about your top win for the week.** 🙌",
            "🤔 **What was challenging?**\nSomething that took more effort than expected or didn't go as you'd hoped.",
            "Share one new habit that you feel good about, or a 'sticky' habit you found easy to keep rolling with.",
            "What are you most proud of from this experience? 🙌",
            "What's one thing you want to make progress on today?\nType it in 👇",
        ],
        Media:
        [
            new("Take a minute and **share an audio** with us—something you learned, or just how you're feeling right now. 🎙️", "audio"),
            new("What brings you joy? **Share a pic** of something that brought you joy recently. 📸", "image"),
            new("Record a **15-second video** of your favorite spot to recharge. 🎬", "video"),
        ]);

    public static readonly ThemeCards[] ByTheme =
    [
        new("sleep", "sleep",
            [
                new("How much time do you spend on your phone before bed?",
                    ["💤 Less than 15 minutes (we call that 'screen-light')", "⏰ 15-30 minutes", "📲 30-60 minutes (classic unwind mode)", "🚨 Over 1 hour (a full episode of Netflix...)"]),
                new("What sleep habit will you focus on today?",
                    ["Set a consistent bedtime (same 30-min window each night)", "No scrolling in bed", "Create a short wind-down routine", "Get morning sunlight"]),
            ],
            [
                new("How many hours of sleep do most adults need each night?", ["5-6 hours", "7-9 hours", "10-12 hours"], [1]),
                new("Which of these help you fall asleep faster? (pick all that apply)",
                    ["A cool, dark room", "Scrolling until you feel sleepy", "A consistent wake-up time", "A late espresso"], [0, 2]),
            ],
            [new("Be honest. **How would you rate the quality of your sleep** this week?", RateScale.Stars)],
            [
                "What's actually getting in the way when you stay up later than you want? What usually happens?",
                "**Get intentional.** Write one thing you could do to chill out in the evening that doesn't involve screens.",
                "What came up? 💭 Tell us how your last few nights went.",
            ],
            [
                new("Snap a pic of your **wind-down space** 🌙", "image"),
                new("Record a quick audio: what does a good night's rest change for you?", "audio"),
            ]),
        new("screen-time", "screen time",
            [
                new("Before you look, **take a guess** at what your total daily screen time is...",
                    ["🕒 Less than 3 hours", "📱 3-5 hours", "📲 5-7 hours", "🚨 More than 7 hours"]),
                new("**Pickups.** How many times a day do you unlock your phone?",
                    ["🙌 20-50 (Casual swiper)", "🏃 50-100 (Finger workouts count, right?)", "🚨 Over 100 (Did it even lock?)", "🎯 Under 20 (The dream)"]),
                new("**Notifications received.** How many notifications ping you daily?",
                    ["🎯 Less than 10", "🎈 10-30 (Manageable chaos)", "🎉 30-60 (Distracted, but thriving)", "🔥 60+ (Chaos level: unlocked)"]),
            ],
            [
                new("What's the average daily screen time for adults in the US?", ["About 2 hours", "About 7 hours", "About 12 hours"], [1]),
                new("Now, more specifically about your devices. **What feels true for you?** (pick all that apply)",
                    ["I spend too much time on my phone", "I spend too much time on my computer", "My devices are controlling me", "I'm in control of my devices"], [0, 1]),
            ],
            [new("Now that you had a day, **are you thinking about your screen time differently?**", RateScale.Thumbs)],
            [
                "What time of day is your heaviest phone use? Why do you think that is?",
                "Name one tech distraction you tracked or worked on that helped you this week.",
                "What was one choice this week that was particularly hard for you?",
            ],
            [
                new("Take a pic of what **unplugged** looks like for you today.", "image"),
                new("Screenshot your **screen time report** and share it with us (no judgment!) 📱", "image"),
            ]),
        new("stress", "stress",
            [
                new("🧠 **Quick pulse check**\nHow much do you consider stress or anxiety an issue in your life?", Ordinal4, Ordinal: true),
                new("When are you most likely to feel overwhelmed?",
                    ["Mornings before it all starts", "In the middle of a busy day", "Late at night", "Sunday evenings"]),
            ],
            [
                new("**Name it to tame it.** What does labeling a feeling do?", ["Calms the body's stress response", "Makes the feeling stronger", "Nothing at all"], [0]),
                new("Which of these are quick resets when stress spikes? (pick all that apply)",
                    ["A few slow breaths", "Checking email one more time", "A short walk outside", "Doom scrolling"], [0, 2]),
            ],
            [new("How are you feeling today? **Stressed —> calm**", RateScale.Mood)],
            [
                "Look back – what triggered stress for you recently?",
                "What do you notice first when you're stressed? Tell us more.",
                "How do you feel now, compared to earlier today?",
            ],
            [
                new("Record a short audio: **what helps you reset** when things pile up?", "audio"),
                new("Share a pic of your **calm place**. 🌿", "image"),
            ]),
        new("focus", "focus and productivity",
            [
                new("**Time of day matters.** When are you most productive?",
                    ["Early Morning - before 9 AM", "Mid-Morning - 9 AM to 12 PM", "Afternoon - 12 to 3 PM", "Evening - after 6 PM"]),
                new("Where do you get your best work done?",
                    ["My dorm or room", "Library", "Coffee shop or student union", "Anywhere with headphones"]),
            ],
            [
                new("How long does it take to get back on task after an interruption, on average?", ["About 1 minute", "About 5 minutes", "About 23 minutes"], [2]),
                new("What helps you feel focused while working? (pick all that apply)",
                    ["🎧 Music or headphones", "🚫 No distractions in sight", "📱 Phone face up on the desk", "✍️ Pen & paper over screens"], [0, 1, 3]),
            ],
            [new("**Rate yourself** on your ability to do focused work when you have to get something done.", RateScale.Stars)],
            [
                "What's one thing you want to make progress on today? (e.g. study for quiz, email coach, start paper)",
                "What robs your focus or gets in the way? Be specific.",
                "Describe your best work session this week. What made it work?",
            ],
            [
                new("Snap a pic of your **workspace** right now. 💻", "image"),
                new("Record a quick audio: how did your last **focus sprint** go?", "audio"),
            ]),
        new("connection", "real-life connection",
            [
                new("Do you think connection is something you can improve with practice?",
                    ["Yes, for sure", "Maybe—depends on the day", "Not really", "Never thought about it"]),
                new("And, **who would you like to be more present with** this week?",
                    ["My family", "My friends", "My partner", "My roommates or coworkers"]),
            ],
            [
                new("What's one of the strongest predictors of long-term happiness?", ["Income", "Close relationships", "Number of followers"], [1]),
                new("Which of these make a conversation feel more connected? (pick all that apply)",
                    ["Eye contact", "Checking your phone mid-sentence", "Asking follow-up questions", "Planning your reply while they talk"], [0, 2]),
            ],
            [new("**How socially connected** do you feel?", RateScale.Stars)],
            [
                "What's one way you want to feel more connected this week? What's your (simple) connection goal?",
                "Tell us about a real conversation that stuck with you recently.",
                "Do your interactions feel different when you're glued to your screen? Tell us more.",
            ],
            [
                new("Share a pic of a moment **with your people** this week. 🤝", "image"),
                new("Record a quick audio: who made your week better, and how?", "audio"),
            ]),
        new("energy", "your energy",
            [
                new("🧠 **Quick pulse check**\nHow rested do you feel most mornings?",
                    ["Great. I wake up ready to go.", "Better. I'm noticing small wins.", "Meh—sometimes okay, mostly tired", "Running on fumes"]),
                new("When does your energy dip the most?",
                    ["Right after waking up", "Mid-afternoon", "After dinner", "It's pretty steady"]),
            ],
            [
                new("Which drink is most likely to cause an afternoon crash?", ["Water", "A sugary energy drink", "Herbal tea"], [1]),
                new("Which of these give you a natural energy boost? (pick all that apply)",
                    ["Daylight in the morning", "Skipping breakfast", "A glass of water", "Scrolling in bed"], [0, 2]),
            ],
            [new("**How's your energy** today?", RateScale.Mood)],
            [
                "🧠 **Quick pulse check**\nRank these 5 areas by what you most want to improve right now.\n-Screen time\n-Sleep\n-Productivity\n-Real-life connection\n-Stress management",
                "What drains you the most during a typical day?",
                "When do you feel most like yourself? Tell us more.",
            ],
            [
                new("Snap a pic of your **journal entry** here! (if you're feeling shy, just show us your writing space)", "image"),
                new("Share an audio: what stood out from the pre-course assessment?", "audio"),
            ]),
        new("movement", "movement",
            [
                new("🧠 **Quick pulse check**\nHow much does physical stress affect you? (e.g. body aches, posture, eye strain)", Ordinal4, Ordinal: true),
                new("**Future proof your health.** What habit will you focus on today?",
                    ["Move regularly throughout the day", "Stretch between tasks", "Take the stairs", "A 10-minute walk after lunch"]),
            ],
            [
                new("How often should you get up and move during long sitting sessions?", ["Every 30-60 minutes", "Every 4 hours", "Once a day"], [0]),
                new("**Body scan.** Which of these are common signs of physical stress? (pick all that apply)",
                    ["Tight neck and shoulders", "Jaw clenching", "Feeling well rested", "Eye strain"], [0, 1, 3]),
            ],
            [new("**How's your body feeling?** Are you working some movement into your day?", RateScale.Thumbs)],
            [
                "During or after a long work or study session, what do you notice in your body?",
                "What kind of movement actually feels good to you?",
                "When you're overwhelmed or shut down, how does moving help you?",
            ],
            [
                new("Show us your **movement break**! Snap a pic or a short video. 🏃", "video"),
                new("Record a quick audio: describe how moving helps you reset.", "audio"),
            ]),
        new("social-media", "social media",
            [
                new("How does social media usually leave you feeling?",
                    ["Inspired or connected", "Numb or distracted", "Disconnected or left out", "Honestly, it depends"]),
                new("When are you most likely to **get lost in scrolling**?",
                    ["While eating", "In bed", "When I'm overwhelmed or anxious", "When I'm bored"]),
            ],
            [
                new("What is the 'comparison trap'?", ["Measuring your real life against others' highlight reels", "A new privacy setting", "A type of ad"], [0]),
                new("Which of these can make your feed healthier? (pick all that apply)",
                    ["Muting accounts that leave you feeling off", "Turning on every notification", "Following people who inspire you", "Checking first thing in the morning"], [0, 2]),
            ],
            [new("After 60 seconds on your feed, **how do you feel?**", RateScale.Mood)],
            [
                "Open your feed for 60 seconds. Notice who shows up first. How do you feel: better, worse, or just... tired?",
                "Now, get specific—which apps or types of content stress you out or leave you feeling off?",
                "What are you going to do about it?",
            ],
            [
                new("Share an example of something you've seen or experienced that relates to this.", "audio"),
                new("Screenshot a post that **made your day better**. 📸", "image"),
            ]),
        new("self-talk", "your mindset",
            [
                new("**Big picture...** Which feels hardest right now?",
                    ["Sticking with something consistently", "Quieting a busy mind", "Believing in myself", "Knowing where to start"]),
                new("What do you want to strengthen right now? Pick one area you'd feel good making progress in.",
                    ["Confidence and self-talk", "My focus and work habits", "My relationships", "My health and energy"]),
            ],
            [
                new("What's a 'reframe'?", ["Seeing the same situation from a more helpful angle", "Ignoring your feelings", "A photo filter"], [0]),
                new("Which of these are examples of kind self-talk? (pick all that apply)",
                    ["'I'm learning, mistakes are part of it'", "'I always mess things up'", "'I handled hard things before'", "'Why bother'"], [0, 2]),
            ],
            [new("**How's your mindset?** Noticing any shifts in the right direction? :)", RateScale.Thumbs)],
            [
                "Do you have a pattern of thinking negatively? Tell us more. Just calling this out helps to chip away at self-doubt.",
                "What obstacles might come up during this challenge, and how can you prepare for them?",
                "Name 3 core values that drive you. How do they tie to who you want to be?",
            ],
            [
                new("Close your eyes and think big. **What does your life look like in 5 years?** Share an audio.", "audio"),
                new("Snap a pic of a note to your future self. ✍️", "image"),
            ]),
    ];

    public static ThemeCards ForTheme(string theme) => ByTheme.First(t => t.Theme == theme);

    /// <summary>Pulse-check and looking-back polls for a topic.</summary>
    public static PollTemplate PulsePoll(string topic) =>
        new($"🧠 **Quick pulse check**\nHow much does {topic} affect your daily life?", Ordinal4, Ordinal: true);

    public static PollTemplate LookingBackPoll(string topic) =>
        new($"✨ **Looking back...**\nDid this lesson offer a strategy for {topic} you might use going forward?", Helpful4, Ordinal: true);
}
