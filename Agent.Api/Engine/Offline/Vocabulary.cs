namespace Agent.Api.Engine.Offline;

/// <summary>
/// The words the offline parser knows. A question with a word outside them (and outside the lesson names and the
/// searched words) is not guessed at: Seven says which word it did not understand.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Words that carry no meaning of their own in a question about the course.</summary>
    public static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "what", "whats", "which", "who", "how", "hows", "many", "much", "is", "are", "was", "were", "the", "a", "an", "of", "in",
        "on", "for", "to", "from", "did", "do", "does", "have", "has", "had", "me", "show", "tell", "give", "list", "please",
        "our", "my", "we", "i", "you", "can", "could", "would", "with", "and", "or", "by", "per", "each", "every", "about",
        "course", "lesson", "lessons", "there", "it", "its", "this", "that", "these", "those", "all", "total", "number", "count",
        "overall", "so", "far", "vs", "versus", "compare", "compared", "comparison", "between", "than", "more", "less", "most",
        "least", "top", "best", "worst", "highest", "lowest", "biggest", "smallest", "fewest", "rate", "rates", "percentage",
        "percent", "share", "data", "get", "got", "see", "now", "only", "just", "again", "also", "then", "still", "any", "some",
        "been", "be", "at", "as", "out", "up", "when", "where", "doing", "group", "cohort", "week", "day", "month", "time",
        "them", "they", "their", "breakdown", "split", "across", "among", "during", "over", "since", "until", "before", "after",
        "ones", "one", "learner", "learners", "users", "user", "people", "students", "student", "participants", "folks",
        "let", "know", "want", "need", "like", "look", "looks", "looking", "were", "been", "will", "there", "here", "thing",
        "things", "kind", "ok", "okay", "hey", "hi", "seven", "thanks", "thank", "same", "but", "instead", "if", "whole", "entire",
        "actually", "really", "currently", "current", "right", "use", "used", "using", "value", "values", "figure", "figures",
        "numbers", "stats", "statistics", "metric", "metrics", "report", "results", "result", "table", "chart", "graph",
        "plot", "visualize", "display", "single", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", "final", "next",
        "order", "ranked", "rank", "ranking", "sorted", "sort", "rest", "went", "go", "going", "make", "made", "into", "through",
        "card", "cards", "question", "questions", "quiz", "quizzes", "poll", "polls", "average", "mean", "median", "typical",
        "recorded", "record", "records", "logged", "tracked", "write", "wrote", "written", "writing", "give", "gave", "given",
        "submitted", "submit", "enrolled", "registered", "happened", "happen", "date", "dates", "period", "range",
        "say", "says", "saying", "said", "mention", "mentions", "mentioned", "mentioning", "talk", "talks", "talked", "talking",
        "think", "thinks", "comment", "comments", "commented", "regarding", "quote", "quotes", "examples", "example",
        "s", "t", "d", "ve", "re", "ll", "m", "don", "didn", "doesn", "isn", "aren", "wasn", "weren", "not", "no", "yes",
        "altogether", "roughly", "approximately", "moment", "taking", "remind", "system", "captured", "collected", "received",
        "times", "typed", "better", "worse", "gets", "put", "side", "performing", "performance", "terms", "spend", "spent",
        "usually", "normally", "saw", "find", "search", "should", "might", "keeps", "keep", "weakest", "poorest", "strongest",
        "greatest", "largest", "quietest",
        // Asked in passing: politeness and texting, emphasis, how people ask for a number or a list.
        "pls", "plz", "r", "u", "ppl", "e", "ie", "eg", "quick", "ever", "soon", "often", "once", "too", "back", "other", "others",
        "particular", "specifically", "particularly", "especially", "exactly", "mostly", "told", "confirm", "calculate", "compute",
        "identify", "tally", "amount", "volume", "pull", "track", "help", "check", "view", "your", "point", "break", "down", "way",
        "something", "anything", "everybody", "everyone", "anyone", "anybody", "possible", "fine", "short", "good", "bad", "love",
        "distinct", "unique", "different", "individual", "taken", "take", "takes", "came", "exist", "exists", "work", "works",
        "perform", "performs", "stack", "against", "difference", "contrast", "seems", "seem", "showing", "signs", "sign",
        "reaching", "attracted", "touched", "held", "hold", "long", "own", "words", "programme", "program", "dataset",
        "flag", "happens",
        // Where and how the data is kept, and words around a number asked for.
        "lrs", "raw", "run", "runs", "published", "publish", "live", "available", "launch", "launched", "come", "comes", "came",
        "curiosity", "name", "wise", "gimme", "successful", "progression", "steeply", "sharply", "successive",
        "subsequent", "hit", "hits", "maximum", "max", "based", "haven", "hasn", "hadn",
        "getting", "entries", "entry", "prompts", "prompt", "combined",
    };

    /// <summary>
    /// Words that explain why someone asks ("I'm putting together a slide for my manager", "I suspect one lesson is putting
    /// people off"), read only before the question itself (<c>QuestionParser.DetectMeasures</c>): there they are context,
    /// in the question they are words the parser does not know.
    /// </summary>
    public static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "putting", "together", "slide", "slides", "deck", "manager", "boss", "stakeholder", "stakeholders", "team", "meeting",
        "reviewing", "review", "curious", "interested", "wondering", "whether", "suspect", "trying", "decide", "deciding",
        "rework", "improve", "learn", "understand", "send", "nudge", "reminder", "reminders", "emails", "planning", "plan",
        "preparing", "prepare", "monthly", "quarterly", "presentation", "off", "board", "update", "updates", "keen", "gauge",
        "asked", "ask", "reflect", "lot", "holding", "celebrate", "win", "wants", "shortlist", "newsletter", "fix", "tracking",
        "new", "set", "aside", "read",
    };

    public static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static readonly string[] Ordinals =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];

    public static readonly string[] NumberWords =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>
    /// Words of the measures' patterns beyond those the typo correction knew from the start (themes, flagged answers,
    /// one card's answers, cohorts, learners): known, so a typo of one is corrected to it and it is never "corrected"
    /// into another word ("flagged" is not "logged").
    /// </summary>
    public static readonly string[] MeasureWords =
    [
        "theme", "themes", "topic", "topics", "keyphrase", "keyphrases", "keyword", "keywords", "phrase", "phrases", "cloud",
        "recurring", "common", "frequent", "popular", "main", "major", "dominant", "emerge", "emerging", "come", "comes", "coming", "crop",
        "flag", "flags", "flagged", "flagging", "concerning", "worrying", "alarming", "troubling", "safeguarding", "moderation",
        "watch", "watchlist", "attention", "follow",
        "distribution", "vote", "votes", "voted", "voting", "chose", "choose", "choice", "choices", "pick", "picked", "option", "options",
        "rating", "ratings", "scale", "form", "forms", "item",
        "summarise", "summarize", "summary", "profile", "progress", "comparison", "breakdown", "cohorts", "biggest", "largest", "smallest",
        "busiest", "peak", "quietest", "headcount", "attrition", "remain", "retention", "online", "disengaging", "disengagement",
        "positivity", "positively", "negatively", "subjects", "interest", "finishers", "starters", "reply",
        "starts", "finishes", "completions", "quickly", "fast", "tone", "happy", "upset", "tried", "took", "entered", "attempt",
        "attempted", "churn", "dropout", "dropouts", "furthest", "abandoned", "disengaged", "tracking",
        "audience", "fall", "falls", "falling", "fail", "fails", "failed", "failing", "upbeat", "distributed", "slipping", "away", "quiet", "proportionally",
    ];

    /// <summary>Words that ask for a change of data: Seven only reads.</summary>
    public static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        "delete", "drop", "update", "insert", "truncate", "remove", "erase", "modify", "alter", "grant", "revoke", "create",
        "rename", "edit", "wipe", "destroy", "overwrite", "change", "changes", "changed", "changing", "set", "reset",
    };
}
