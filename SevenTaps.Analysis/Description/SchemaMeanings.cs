namespace SevenTaps.Analysis.Description;

/// <summary>
/// What each table and column of the analysis schema means, in the words analytics answers in. The names and types
/// come from the EF Core model (<see cref="AnalysisSchemaDescription"/>); a test fails when a table or column of the
/// model has no meaning here, or a meaning names one that does not exist.
/// </summary>
internal static class SchemaMeanings
{
    public const string Summary =
        "Rows derived from the stored xAPI statements (schema xapi, not readable here) by the normalizer, plus rows a 7taps CSV " +
        "export imported (source = 'csv'). Voided statements yield no rows. Times are statement time, in UTC. Facts hold one row " +
        "per statement; dimensions merge what many statements say about a learner, lesson or question; summaries are sums of the " +
        "facts kept in the same transaction that writes them, so they always agree with the facts.";

    private const string StatementTimeRange = "statement time, UTC";

    public sealed record Table(string Kind, string Meaning, IReadOnlyDictionary<string, string> Columns);

    /// <summary>In the order the description lists them: facts, dimensions, summaries, operations.</summary>
    public static readonly IReadOnlyList<(string Name, Table Table)> Tables =
    [
        (AnalysisSchema.UserActivities.Name, new("fact", "Every learner event: exactly one row per statement that has a learner (answers, completions, views, ...).", new Dictionary<string, string>
        {
            [AnalysisSchema.UserActivities.StatementId] = "The xAPI statement's id (the key; re-delivery of a statement writes nothing).",
            [AnalysisSchema.UserActivities.UserId] = "The learner (users.user_id).",
            [AnalysisSchema.UserActivities.LessonUrl] = "The lesson the statement belongs to (lessons.lesson_url), also when its object is the lesson itself; null when none.",
            [AnalysisSchema.UserActivities.QuestionId] = "The card or question acted on (questions.question_id); null for statements on the lesson itself or without one.",
            [AnalysisSchema.UserActivities.ActivityType] = "The verb IRI (e.g. http://adlnet.gov/expapi/verbs/completed).",
            [AnalysisSchema.UserActivities.Verb] = "The verb's short name (English display, else the IRI's last segment): answered, completed, experienced, ...",
            [AnalysisSchema.UserActivities.Completion] = "result.completion of the statement; null when the statement does not say.",
            [AnalysisSchema.UserActivities.Success] = "result.success of the statement; null when the statement does not say.",
            [AnalysisSchema.UserActivities.DurationSeconds] = "result.duration in seconds (any ISO 8601 duration); null when absent.",
            [AnalysisSchema.UserActivities.Timestamp] = $"Statement time ({StatementTimeRange}): when the learner acted, not when the statement was stored.",
            [AnalysisSchema.UserActivities.Source] = "Where the row came from: 'xapi' (a statement) or 'csv' (an imported 7taps export).",
            [AnalysisSchema.UserActivities.SourceData] = "For imported rows: file, line, import date (their timestamp is the import day at 00:00 UTC), card, PDF page; null for xAPI rows.",
        })),
        (AnalysisSchema.UserResponses.Name, new("fact", "A learner's answer: exactly one row per statement that carries a result.response.", new Dictionary<string, string>
        {
            [AnalysisSchema.UserResponses.StatementId] = "The xAPI statement's id (the key; the same statement's user_activities row has it too).",
            [AnalysisSchema.UserResponses.UserId] = "The learner (users.user_id).",
            [AnalysisSchema.UserResponses.QuestionId] = "The card answered (questions.question_id).",
            [AnalysisSchema.UserResponses.LessonUrl] = "The lesson of the card (lessons.lesson_url); null when none.",
            [AnalysisSchema.UserResponses.ResponseValue] = "result.response verbatim (choice ids for polls and quizzes, the text of free-text answers).",
            [AnalysisSchema.UserResponses.ResponseText] = "The answer made readable: choice ids replaced by their descriptions; free text as given.",
            [AnalysisSchema.UserResponses.IsCorrect] = "Whether the answer was judged correct (the statement's result.success); null when not judged.",
            [AnalysisSchema.UserResponses.ScoreRaw] = "result.score.raw; null when absent.",
            [AnalysisSchema.UserResponses.ScoreScaled] = "result.score.scaled (-1..1); null when absent.",
            [AnalysisSchema.UserResponses.ScoreMin] = "result.score.min; null when absent.",
            [AnalysisSchema.UserResponses.ScoreMax] = "result.score.max; null when absent.",
            [AnalysisSchema.UserResponses.DurationSeconds] = "result.duration in seconds; null when absent.",
            [AnalysisSchema.UserResponses.Timestamp] = $"Statement time ({StatementTimeRange}) of the answer.",
            [AnalysisSchema.UserResponses.Source] = "'xapi' or 'csv' (an imported 7taps export).",
            [AnalysisSchema.UserResponses.Sentiment] = "VADER compound sentiment (-1 most negative .. 1 most positive) of a free-text answer; null for other answers. Non-null marks a free-text answer.",
            [AnalysisSchema.UserResponses.SourceData] = "For imported rows: file, line, import date, card, PDF page; null for xAPI rows.",
            [AnalysisSchema.UserResponses.ResponseSearch] = "Generated: the English full-text vector of response_text (stemmed; use with to_tsquery/websearch_to_tsquery('english', ...)).",
            [AnalysisSchema.UserResponses.ResponseWords] = "Generated for free-text answers: every word of response_text, lower case, unstemmed ('simple' configuration); null for others.",
        })),
        (AnalysisSchema.Users.Name, new("dimension", "A learner, merged over every statement that names them: first/last seen span all of them, descriptive fields come from the latest.", new Dictionary<string, string>
        {
            [AnalysisSchema.Users.UserId] = "Stable learner key: the 7taps account name lower-cased, else the canonical IFI (mailto:, sha1sum, openid, account).",
            [AnalysisSchema.Users.Ifi] = "The learner's inverse functional identifier as the latest statement gave it.",
            [AnalysisSchema.Users.DisplayName] = "The actor's name from the latest statement; null when none.",
            [AnalysisSchema.Users.Email] = "The mbox address (lower-cased, without mailto:) when the learner is identified by one; null otherwise.",
        }.Concat(MergedOverStatements("of the learner", "its ISO week's Monday is the learner's cohort")).ToDictionary())),
        (AnalysisSchema.Lessons.Name, new("dimension", "A lesson of the course, keyed by its cleaned URL, merged over statements; number and name from the lesson catalogue when it knows the lesson.", new Dictionary<string, string>
        {
            [AnalysisSchema.Lessons.LessonUrl] = "The lesson's activity id, cleaned (scheme and host lower-case, no query, fragment or trailing slash).",
            [AnalysisSchema.Lessons.LessonSlug] = "The URL's last path segment (7taps: the lesson id).",
            [AnalysisSchema.Lessons.LessonNumber] = "The lesson's number in the course, from the catalogue; null when the catalogue does not know it. Orders the course.",
            [AnalysisSchema.Lessons.LessonName] = "The lesson's name: from the catalogue, else the lesson activity's name.",
        }.Concat(MergedOverStatements("in the lesson", "orders lessons the catalogue does not number")).ToDictionary())),
        (AnalysisSchema.Questions.Name, new("dimension", "A card or question of a lesson, keyed by its activity id, with its latest definition.", new Dictionary<string, string>
        {
            [AnalysisSchema.Questions.QuestionId] = "The card's activity id, cleaned.",
            [AnalysisSchema.Questions.LessonUrl] = "The lesson the card is in (lessons.lesson_url); null when unknown.",
            [AnalysisSchema.Questions.QuestionType] = "The 7taps card type (form, poll, quiz, rate, submit media, ...) or one derived from the interaction definition. 'form' cards take free-text answers.",
            [AnalysisSchema.Questions.InteractionType] = "The xAPI interaction type (choice, fill-in, long-fill-in, likert, ...); null when the definition has none.",
            [AnalysisSchema.Questions.QuestionText] = "The prompt as plain text (7taps' Quill Delta converted, emoji kept).",
            [AnalysisSchema.Questions.Description] = "The activity definition's description as text; null when none.",
            [AnalysisSchema.Questions.Choices] = "JSON array of {id, description, component}: the interaction's choices, scale, source/target components.",
            [AnalysisSchema.Questions.CorrectResponses] = "JSON array of the correctResponsesPattern strings; empty when the card has no correct answer.",
        }.Concat(MergedOverStatements("on the card", "")).ToDictionary())),
        (AnalysisSchema.LearnerLessonDays.Name, new("summary", "Per learner, lesson and UTC day of statement time: sums of that learner's fact rows in the lesson on that day. Read for requests with a date range.", LearnerLessonSums(", on the day")
            .Append(new(AnalysisSchema.LearnerLessonDays.Day, "The UTC date of the statements' time.")).ToDictionary())),
        (AnalysisSchema.LearnerLessons.Name, new("summary", "Per learner and lesson over the whole time: the same sums as learner_lesson_days without the day. Read for requests without a date range.", LearnerLessonSums("").ToDictionary())),
        (AnalysisSchema.LearnerTotals.Name, new("summary", "Per learner with at least one activity: their learner_lessons rows that hold activities summed. Read by the learners list and overview without a date range or lesson.", new Dictionary<string, string>
        {
            [AnalysisSchema.LearnerTotals.UserId] = "The learner (users.user_id).",
            [AnalysisSchema.LearnerTotals.LessonsStarted] = "Lessons with an activity of the learner (statements without a lesson are not a lesson).",
            [AnalysisSchema.LearnerTotals.LessonsCompleted] = "Lessons the learner completed (a completed statement on the lesson itself).",
            [AnalysisSchema.LearnerTotals.Statements] = "The learner's activity rows.",
            [AnalysisSchema.LearnerTotals.Responses] = "The learner's response rows, in lessons where they have activities.",
            [AnalysisSchema.LearnerTotals.FirstAt] = $"Time of the learner's first activity ({StatementTimeRange}).",
            [AnalysisSchema.LearnerTotals.LastAt] = $"Time of the learner's latest activity ({StatementTimeRange}).",
        })),
        (AnalysisSchema.QuestionAnswerCounts.Name, new("summary", "Per question and UTC day of statement time: how many answers it got and how they were judged. Read by the questions list without a cohort, over all time or whole days.", new Dictionary<string, string>
        {
            [AnalysisSchema.QuestionAnswerCounts.QuestionId] = "The question (questions.question_id).",
            [AnalysisSchema.QuestionAnswerCounts.Day] = "The UTC date of the answers' statement time.",
            [AnalysisSchema.QuestionAnswerCounts.Answers] = "Response rows.",
            [AnalysisSchema.QuestionAnswerCounts.Correct] = "Responses judged correct.",
            [AnalysisSchema.QuestionAnswerCounts.Judged] = "Responses judged at all (correct or not); correct rate = correct / judged.",
        })),
        (AnalysisSchema.FreeTextSentimentCounts.Name, new("summary", "Per question, lesson and UTC day of statement time: the sentiment of its free-text answers. Read by sentiment by lesson, question, day or week without a cohort, over all time or whole days.", new Dictionary<string, string>
        {
            [AnalysisSchema.FreeTextSentimentCounts.QuestionId] = "The question (questions.question_id).",
            [AnalysisSchema.FreeTextSentimentCounts.LessonUrl] = "The answers' lesson (lessons.lesson_url); null for answers without one.",
            [AnalysisSchema.FreeTextSentimentCounts.Day] = "The UTC date of the answers' statement time.",
            [AnalysisSchema.FreeTextSentimentCounts.Answers] = "Free-text answers with a sentiment (user_responses.sentiment not null).",
            [AnalysisSchema.FreeTextSentimentCounts.SentimentSum] = "Sum of their VADER compound scores; mean sentiment = sentiment_sum / answers.",
            [AnalysisSchema.FreeTextSentimentCounts.Positive] = "Answers scoring 0.05 or more.",
            [AnalysisSchema.FreeTextSentimentCounts.Neutral] = "Answers scoring between -0.05 and 0.05.",
            [AnalysisSchema.FreeTextSentimentCounts.Negative] = "Answers scoring -0.05 or less.",
        })),
        (AnalysisSchema.LessonCatalogue.Name, new("operations", "The lesson catalogue the operator loaded (one row): which lesson URL or number has which number and name.", new Dictionary<string, string>
        {
            [AnalysisSchema.LessonCatalogue.Id] = "Always 1: there is one catalogue.",
            [AnalysisSchema.LessonCatalogue.Document] = "The catalogue as loaded (lesson_mapping.json shape), JSON.",
            [AnalysisSchema.LessonCatalogue.LoadedAt] = "When it was loaded; replicas watch it to take up a new one.",
        })),
    ];

    /// <summary>Joins without a foreign key (summaries reference the dimensions by value; a row comes and goes with its facts).</summary>
    public static readonly IReadOnlyList<JoinPath> ValueJoins =
    [
        new("learner_lesson_days.user_id", "users.user_id", "The learner of a day row; no foreign key (the row comes and goes with the learner's facts)."),
        new("learner_lesson_days.lesson_url", "lessons.lesson_url", "The lesson of a day row; '' (no lesson) has no lessons row, so join with NULLIF(lesson_url, '')."),
        new("learner_lessons.user_id", "users.user_id", "The learner of a learner-lesson; no foreign key."),
        new("learner_lessons.lesson_url", "lessons.lesson_url", "The lesson of a learner-lesson; '' (no lesson) has no lessons row."),
        new("learner_totals.user_id", "users.user_id", "The learner of a totals row; no foreign key."),
        new("question_answer_counts.question_id", "questions.question_id", "The question counted; no foreign key."),
        new("user_responses.statement_id", "user_activities.statement_id", "The activity row of the same statement (every answer statement has one)."),
    ];

    public static readonly IReadOnlyList<GlossaryEntry> Glossary =
    [
        new("statement time", "The statement's own timestamp (when the learner acted, as the client reported it), in UTC: the \"timestamp\" columns, " +
            "first/last seen, first_at/last_at. Not when it was stored or normalized. Date filters (from inclusive, to exclusive), UTC days and ISO weeks use it."),
        new("completion", "A learner completed a lesson when a statement with the verb completed has the lesson itself as its object (not one of its cards): " +
            "completions / first_completed_at in the summaries, lessons_completed per learner. Completion rate: completed learner-lessons over started ones " +
            "(a lesson is started by any activity in it)."),
        new("lesson order", "The course order: lessons.lesson_number from the catalogue (numerically when it is a number), lessons without one after them " +
            "in the order learners first reached them (lessons.first_seen), then by URL."),
        new("drop-off", "The course funnel: for each lesson in lesson order, the learners who reached it (any activity in it) and those who stopped there " +
            "(it is the furthest lesson, in lesson order, they have an activity in)."),
        new("at-risk", "A churn-risk score 0..1 per learner, counted back from the end of the range (or now): inactivity up to 0.5 (days since the last " +
            "statement over 14, Analytics:InactiveAfterDays), +0.25 when the last 7 days have fewer than half the statements of the 7 days before, +0.25 when they started more lessons " +
            "than they completed. A learner who completed every lesson has risk 0."),
        new("cohort", "The learners whose first statement (users.first_seen) fell in the same ISO week, named by that week's Monday (yyyy-MM-dd)."),
        new("active learner", "A learner with at least one activity in the period (the overview: the 7 and 30 days before the end of the range, or now)."),
        new("free-text answer", "A non-empty answer to a fill-in or long-fill-in interaction, or to a 7taps form card naming no interaction type: user_responses.sentiment is set exactly for these."),
    ];

    /// <summary>The columns every dimension has: where it came from and which statements it was merged over.</summary>
    private static IEnumerable<KeyValuePair<string, string>> MergedOverStatements(string scope, string firstSeenNote) =>
    [
        new(AnalysisSchema.DimensionColumns.Source, "'xapi' (statements) or 'csv' (an imported 7taps export)."),
        new(AnalysisSchema.DimensionColumns.FirstSeen, $"Time of the first statement {scope} ({StatementTimeRange}){(firstSeenNote.Length > 0 ? $"; {firstSeenNote}" : "")}."),
        new(AnalysisSchema.DimensionColumns.FirstStatementId, "The statement first_seen was taken from."),
        new(AnalysisSchema.DimensionColumns.LastSeen, $"Time of the latest statement {scope} ({StatementTimeRange})."),
        new(AnalysisSchema.DimensionColumns.StatementId, "The latest statement (by time, then id): the one the descriptive columns come from."),
    ];

    private static IEnumerable<KeyValuePair<string, string>> LearnerLessonSums(string scope) =>
    [
        new(AnalysisSchema.SumColumns.UserId, "The learner (users.user_id)."),
        new(AnalysisSchema.SumColumns.LessonUrl, "The lesson (lessons.lesson_url), or '' for statements without a lesson (a key column cannot be null)."),
        new(AnalysisSchema.SumColumns.Statements, $"The learner's activity rows in the lesson{scope}."),
        new(AnalysisSchema.SumColumns.Completions, $"Completed statements on the lesson itself{scope} (not on one of its cards)."),
        new(AnalysisSchema.SumColumns.Responses, $"The learner's response rows in the lesson{scope}."),
        new(AnalysisSchema.SumColumns.FirstAt, $"Time of the first activity{scope} ({StatementTimeRange}); null only on a row holding responses alone."),
        new(AnalysisSchema.SumColumns.LastAt, $"Time of the latest activity{scope} ({StatementTimeRange})."),
        new(AnalysisSchema.SumColumns.FirstCompletedAt, $"Time of the first completion{scope} ({StatementTimeRange}); null when not completed."),
    ];
}
