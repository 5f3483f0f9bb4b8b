using System.Globalization;
using Npgsql;
using SevenTaps.Analysis;
using SevenTaps.Analysis.Summaries;
using SevenTaps.Text;

namespace Agent.Api.Engine.Offline;

/// <summary>A reviewed query with its positional parameters, ready for the guard, and the columns its chart draws.</summary>
public sealed record VerifiedQuery(string Name, string Sql, IReadOnlyList<object?> Parameters, ChartHint? Chart = null);

/// <summary>
/// Which columns of a result a chart draws: bars of <paramref name="Values"/> over the categories of
/// <paramref name="Label"/> (one bar per distinct label when <paramref name="Distinct"/>: rows repeat a per-group count).
/// </summary>
public sealed record ChartHint(string Label, IReadOnlyList<string> Values, bool Distinct = false);

/// <summary>
/// The verified queries: one SQL shape per measure, assembled only from the fixed fragments below and positional
/// parameters ($1...), so nothing a learner or course owner types becomes SQL text. Per-lesson figures, course totals,
/// engagement, at-risk learners, cohort comparisons and answers per card read the normalizer's summaries (exact for any
/// period: <see cref="LearnerLessons"/>, <see cref="LearnerLessonDays"/>, <see cref="LearnerTotals"/>,
/// <see cref="SourcePlanner.AnswerCounts"/>); answers' texts, choices and sentiment, one learner's lessons and whatever a
/// summary does not answer read the facts (<c>user_activities</c>, <c>user_responses</c>); the definitions are
/// those of the analytics API (docs/analytics.md): a lesson is started by any statement in it and completed by a
/// completed statement on the lesson itself, learners count once, voided statements count for nothing (the normalizer
/// never keeps them), lessons are numbered in the course order of <see cref="CourseCatalog.CourseCte"/>.
/// </summary>
public static class VerifiedQueries
{
    /// <summary>A completion of the lesson itself (not one of its cards), on <c>analysis.user_activities a</c>.</summary>
    internal const string IsCompletion = "a.activity_type = 'http://adlnet.gov/expapi/verbs/completed' AND a.question_id IS NULL";

    /// <summary>Per-lesson measures: the columns each shows, and what "highest" sorts by.</summary>
    private static readonly Dictionary<Measure, (string Columns, string RankBy)> LessonColumns = new()
    {
        [Measure.Started] = ("started", "started"),
        [Measure.Completed] = ("completed", "completed"),
        [Measure.CompletionRate] = ("started, completed, completion_rate", "completion_rate"),
        [Measure.TimeToComplete] = ("completed, median_minutes_to_complete", "median_minutes_to_complete"),
        [Measure.Dropoff] = ("reached, stopped_here", "stopped_here"),
        [Measure.LessonAnswers] = ("answers", "answers"),
    };

    public static bool IsPerLesson(Measure measure) => LessonColumns.ContainsKey(measure);

    /// <summary>
    /// Free-text answers read for themes at most, the newest first: the analytics API's default sample
    /// (<c>Analytics:ThemeSampleSize</c>), so Seven's themes are the dashboard's.
    /// </summary>
    public const int ThemeSampleSize = 2_000;

    /// <summary>Cohort comparisons: the column each measure ranks (and charts) cohorts by.</summary>
    private static readonly Dictionary<Measure, string> CohortColumns = new()
    {
        [Measure.Learners] = "learners",
        [Measure.Statements] = "statements",
        [Measure.Answers] = "answers",
        [Measure.LessonAnswers] = "answers",
        [Measure.FreeTextAnswers] = "free_text_answers",
        [Measure.Started] = "started",
        [Measure.Completed] = "completed",
        [Measure.CompletionRate] = "completion_rate",
        [Measure.Engagement] = "statements_per_learner",
        [Measure.Overview] = "statements_per_learner",
    };

    /// <summary>The measures cohorts are compared by.</summary>
    public static bool ComparesCohorts(Measure measure) => CohortColumns.ContainsKey(measure);

    /// <summary>The column a cohort comparison of this measure ranks by.</summary>
    public static string CohortRankColumn(Measure measure) => CohortColumns[measure];

    /// <summary>The verified query of the intent; <paramref name="watchList"/> is the configured watch list (flagged answers need it).</summary>
    public static VerifiedQuery For(Intent intent, IReadOnlyList<string>? watchList = null)
    {
        if (LessonColumns.TryGetValue(intent.Measure, out var lesson) && !intent.ByCohort)
        {
            return LessonStats(intent, lesson.Columns, lesson.RankBy);
        }
        if (intent.Measure is Measure.Overview or Measure.Learners or Measure.Statements or Measure.LessonCount or Measure.Answers or Measure.CompletionRate
            && intent is { ByCohort: false, Lessons.Count: 0, Learner: null })
        {
            return CourseTotals(intent);
        }
        if (intent.ByCohort)
        {
            return CohortComparison(intent);
        }
        var parameters = new List<object?>();
        string P(object? value)
        {
            parameters.Add(value);
            return "$" + parameters.Count;
        }
        var activityFilter = Filter("a", intent, P);
        var responseFilter = Filter("r", intent, P);
        string LessonFilter(string column) => intent.Lessons.Count > 0 ? $"AND {column} = ANY({P(intent.Lessons.ToArray())})" : "";
        string Limit() => intent.Top is { } top ? $"LIMIT {P(top)}" : "";

        string CardFilter(string alias) => intent.Card is { } card ? $"AND {alias}.question_id = {P(card.Id)}" : "";
        string SearchFilter(string alias) => intent.Search is { Length: > 0 } words && intent.Measure != Measure.Search
            ? $"AND {alias}.response_search @@ websearch_to_tsquery('english', {P(words)})"
            : "";

        return intent.Measure switch
        {
            Measure.Overview or Measure.Learners or Measure.Statements or Measure.LessonCount or Measure.Answers or Measure.FreeTextAnswers
                => Overview(intent, activityFilter, responseFilter, LessonFilter("c.lesson"), parameters),
            Measure.CompletionRate => Overview(intent, activityFilter, responseFilter, LessonFilter("c.lesson"), parameters),
            Measure.Engagement => Engagement(intent),
            Measure.QuestionAnswers => QuestionAnswers(intent),
            Measure.Search => Search(intent, responseFilter, LessonFilter("c.lesson"), P, parameters),
            Measure.Themes => new("themes", $"""
                WITH {CourseCatalog.CourseCte},
                sample AS (
                    SELECT r.response_text, coalesce(r.question_id, '') AS question_id, r."timestamp", r.statement_id
                    FROM {AnalysisSchema.UserResponses.Table} r LEFT JOIN course c ON c.lesson_url = r.lesson_url
                    WHERE r.sentiment IS NOT NULL {responseFilter} {LessonFilter("c.lesson")} {CardFilter("r")} {SearchFilter("r")}
                    ORDER BY r."timestamp" DESC, r.statement_id
                    LIMIT {P(ThemeSampleSize + 1)})
                SELECT count(*) AS answers_read,
                       array_agg(s.response_text ORDER BY s."timestamp" DESC, s.statement_id) AS answers,
                       array_agg(s.question_id ORDER BY s."timestamp" DESC, s.statement_id) AS cards
                FROM sample s
                """, parameters, new ChartHint("phrase", ["answers"])),
            Measure.TrendingThemes => TrendingThemes(intent, P, parameters),
            Measure.Flagged => Flagged(intent, watchList ?? throw new ArgumentNullException(nameof(watchList), "flagged answers need the watch list"),
                responseFilter, LessonFilter("c.lesson"), CardFilter("r"), SearchFilter("r"), P, parameters),
            Measure.CardAnswers when intent.Card is { HasChoices: true } card => new("card_answers", $"""
                WITH answered AS (
                    SELECT r.response_value, count(*) AS answers
                    FROM {AnalysisSchema.UserResponses.Table} r
                    WHERE r.question_id = {P(card.Id)} {responseFilter}
                    GROUP BY r.response_value),
                chosen AS (
                    SELECT unnest(string_to_array(a.response_value, '[,]')) AS choice_id, a.answers FROM answered a),
                defined AS (
                    SELECT t.c ->> 'id' AS choice_id, t.c ->> 'description' AS description, t.ordinality
                    FROM {AnalysisSchema.Questions.Table} q CROSS JOIN LATERAL jsonb_array_elements(q.choices) WITH ORDINALITY AS t(c, ordinality)
                    WHERE q.question_id = {P(card.Id)}),
                correct AS (
                    SELECT DISTINCT unnest(string_to_array(p.pattern, '[,]')) AS choice_id
                    FROM {AnalysisSchema.Questions.Table} q CROSS JOIN LATERAL jsonb_array_elements_text(q.correct_responses) AS p(pattern)
                    WHERE q.question_id = {P(card.Id)} AND q.question_type = 'quiz')
                SELECT coalesce(d.choice_id, c.choice_id) AS choice_id, coalesce(d.description, c.choice_id) AS choice,
                       coalesce(sum(c.answers), 0)::bigint AS answers,
                       round(coalesce(sum(c.answers), 0)::numeric / nullif((SELECT sum(a.answers) FROM answered a), 0), 4) AS share,
                       CASE WHEN EXISTS (SELECT 1 FROM correct) THEN coalesce(d.choice_id, c.choice_id) IN (SELECT x.choice_id FROM correct x) END AS correct,
                       coalesce((SELECT sum(a.answers) FROM answered a), 0)::bigint AS card_answers,
                       (SELECT count(DISTINCT r.user_id) FROM {AnalysisSchema.UserResponses.Table} r WHERE r.question_id = {P(card.Id)} {responseFilter}) AS card_learners
                FROM defined d FULL JOIN chosen c ON c.choice_id = d.choice_id
                GROUP BY d.choice_id, c.choice_id, d.description, d.ordinality
                ORDER BY d.ordinality NULLS LAST, 1
                """, parameters, new ChartHint("choice", ["answers"])),
            Measure.CardAnswers when intent.Card is null && intent.Lessons is [var place] => LessonCardAnswers(intent, place, responseFilter, P, parameters),
            Measure.CardAnswers when intent.Card is { } card => new("card_answer_count", $"""
                SELECT count(*) AS answers, count(DISTINCT r.user_id) AS learners
                FROM {AnalysisSchema.UserResponses.Table} r
                WHERE r.question_id = {P(card.Id)} {responseFilter}
                """, parameters),
            Measure.LearnerSummary => new("learner_summary", $"""
                WITH {CourseCatalog.CourseCte},
                acts AS (
                    SELECT a.lesson_url, count(*) AS statements, bool_or({IsCompletion}) AS completed,
                           min(a."timestamp") AS first_at, max(a."timestamp") AS last_at
                    FROM {AnalysisSchema.UserActivities.Table} a LEFT JOIN course c ON c.lesson_url = a.lesson_url
                    WHERE true {activityFilter} {LessonFilter("c.lesson")}
                    GROUP BY a.lesson_url),
                answers AS (
                    SELECT r.lesson_url, count(*) AS answers, count(*) FILTER (WHERE r.sentiment IS NOT NULL) AS free_text_answers
                    FROM {AnalysisSchema.UserResponses.Table} r
                    WHERE true {responseFilter}
                    GROUP BY r.lesson_url)
                SELECT c.lesson, coalesce(c.lesson_name, a.lesson_url, '(no lesson)') AS lesson_name, a.statements,
                       coalesce(n.answers, 0) AS answers, coalesce(n.free_text_answers, 0) AS free_text_answers, a.completed,
                       a.first_at, a.last_at
                FROM acts a LEFT JOIN course c ON c.lesson_url = a.lesson_url
                LEFT JOIN answers n ON n.lesson_url IS NOT DISTINCT FROM a.lesson_url
                ORDER BY c.lesson NULLS LAST
                """, parameters, new ChartHint("lesson_name", ["statements", "answers"])),
            Measure.AtRisk => AtRisk(intent),
            Measure.Sentiment => new("sentiment_by_lesson", $"""
                WITH {CourseCatalog.CourseCte}
                SELECT c.lesson, c.lesson_name, count(*) AS answers, round(avg(r.sentiment)::numeric, 3) AS mean_sentiment,
                       count(*) FILTER (WHERE r.sentiment >= 0.05) AS positive, count(*) FILTER (WHERE r.sentiment > -0.05 AND r.sentiment < 0.05) AS neutral,
                       count(*) FILTER (WHERE r.sentiment <= -0.05) AS negative
                FROM {AnalysisSchema.UserResponses.Table} r JOIN course c ON c.lesson_url = r.lesson_url
                WHERE r.sentiment IS NOT NULL {responseFilter} {LessonFilter("c.lesson")}
                GROUP BY c.lesson, c.lesson_name
                ORDER BY {(intent.Top is not null ? $"mean_sentiment {(intent.Ascending ? "ASC" : "DESC")}, " : "")}c.lesson
                {Limit()}
                """, parameters),
            _ => throw new ArgumentOutOfRangeException(nameof(intent), intent.Measure, "no verified query"),
        };
    }

    /// <summary>
    /// Free-text answers containing a term of the configured watch list (<see cref="WatchListOptions"/>, analytics' own)
    /// as whole words, decided as analytics' flagged answers decide it: the answer's stored words contain the
    /// term's phrase (one indexed condition per term) and its word-boundary pattern confirms it and names the term.
    /// Newest first, with how many are flagged in all and per lesson.
    /// </summary>
    private static VerifiedQuery Flagged(
        Intent intent, IReadOnlyList<string> terms, string responseFilter, string lessonFilter, string cardFilter, string searchFilter, Func<object?, string> parameter, List<object?> parameters)
    {
        var anyTerm = string.Join(" OR ", terms.Select(term => $"r.response_words @@ phraseto_tsquery('simple', {parameter(term)})"));
        var termList = parameter(terms.ToArray());
        var patterns = parameter(terms.Select(WatchList.Pattern).ToArray());
        return new("flagged_answers", $"""
            WITH {CourseCatalog.CourseCte},
            watch AS MATERIALIZED (
                SELECT w.term, w.pattern, phraseto_tsquery('simple', w.term) AS query
                FROM unnest({termList}::text[], {patterns}::text[]) AS w(term, pattern)),
            candidates AS MATERIALIZED (
                SELECT r.statement_id, r.user_id, r.question_id, r.lesson_url, r."timestamp", r.response_text, r.sentiment, r.response_words AS words
                FROM {AnalysisSchema.UserResponses.Table} r
                WHERE r.sentiment IS NOT NULL AND ({anyTerm}) {responseFilter} {cardFilter} {searchFilter}),
            flagged AS (
                SELECT f.*, ARRAY(SELECT w.term FROM watch w WHERE f.words @@ w.query AND f.response_text ~* w.pattern) AS matched
                FROM candidates f),
            shown AS (
                SELECT c.lesson, q.question_text, coalesce(u.display_name, f.user_id) AS learner, f."timestamp", f.response_text,
                       array_to_string(f.matched, ', ') AS matched_terms, round(f.sentiment::numeric, 3) AS sentiment, f.statement_id
                FROM flagged f LEFT JOIN course c ON c.lesson_url = f.lesson_url
                LEFT JOIN {AnalysisSchema.Questions.Table} q ON q.question_id = f.question_id
                LEFT JOIN {AnalysisSchema.Users.Table} u ON u.user_id = f.user_id
                WHERE cardinality(f.matched) > 0 {lessonFilter})
            SELECT s.lesson, s.question_text, s.learner, s."timestamp", s.response_text, s.matched_terms, s.sentiment, s.statement_id,
                   count(*) OVER () AS flagged_answers, count(*) OVER (PARTITION BY s.lesson) AS flagged_in_lesson
            FROM shown s
            ORDER BY s."timestamp" DESC, s.statement_id
            LIMIT {parameter(intent.Top ?? 50)}
            """, parameters, new ChartHint("lesson", ["flagged_in_lesson"], Distinct: true));
    }

    /// <summary>The learner-lesson figures the per-lesson measures read from analytics' summaries (first statement, first completion, answers).</summary>
    private static readonly PairColumn[] PairColumns =
    [
        new("first_at", "min", "first_at"),
        new("completed_at", "min", "first_completed_at"),
        new("answers", "sum", "responses"),
    ];

    /// <summary>
    /// Per-lesson figures from analytics' learner-lesson summaries, as analytics' lesson and drop-off figures read them:
    /// <c>learner_lessons</c> over all time, <c>learner_lesson_days</c> for a period (rows a bound falls inside replaced by
    /// their activities), as <see cref="SourcePlanner"/> decides, so nothing scans every activity. Drop-off is where each
    /// learner's furthest lesson is, so it needs every lesson; the lesson filter applies after.
    /// </summary>
    private static VerifiedQuery LessonStats(Intent intent, string columns, string rankBy)
    {
        var command = new NpgsqlCommand();
        var pairs = LearnerLessons.Cte(SummaryFilter(intent), command, [], PairColumns, includeLesson: false);
        var parameters = Values(command);
        string P(object? value)
        {
            parameters.Add(value);
            return "$" + parameters.Count;
        }
        var lessons = intent.Lessons.Count > 0 ? $"AND lesson = ANY({P(intent.Lessons.ToArray())})" : "";
        var order = intent.Top is not null ? $"{rankBy} {(intent.Ascending ? "ASC" : "DESC")} NULLS LAST, lesson" : "lesson";
        return new("lesson_stats", $"""
            WITH {CourseCatalog.CourseCte},
            {pairs},
            furthest AS (
                SELECT max(c.lesson) AS lesson FROM pairs p JOIN course c USING (lesson_url) GROUP BY p.user_id),
            stopped AS (SELECT lesson, count(*) AS learners FROM furthest GROUP BY lesson),
            stats AS (
                SELECT c.lesson, c.lesson_name, count(*) AS started, count(*) AS reached, count(p.completed_at) AS completed,
                       round(count(p.completed_at)::numeric / count(*), 4) AS completion_rate,
                       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.completed_at - p.first_at))
                              FILTER (WHERE p.completed_at IS NOT NULL) / 60)::numeric, 1) AS median_minutes_to_complete,
                       coalesce(max(s.learners), 0) AS stopped_here, coalesce(sum(p.answers), 0) AS answers
                FROM pairs p JOIN course c USING (lesson_url) LEFT JOIN stopped s ON s.lesson = c.lesson
                GROUP BY c.lesson, c.lesson_name)
            SELECT lesson, lesson_name, {columns}
            FROM stats
            WHERE true {lessons}
            ORDER BY {order}
            {(intent.Top is { } top ? $"LIMIT {P(top)}" : "")}
            """, parameters);
    }

    /// <summary>The learner-lesson figures course totals and cohort comparisons read from analytics' summaries.</summary>
    private static readonly PairColumn[] TotalColumns =
    [
        new("statements", "sum", "statements"),
        new("completed_at", "min", "first_completed_at"),
        new("answers", "sum", "responses"),
    ];

    /// <summary>
    /// The course's totals (learners, statements, lessons, learner-lessons started and completed, answers) from analytics'
    /// learner-lesson summaries, exact for any period and cohort as the per-lesson figures are; statements and answers
    /// outside any lesson count too (their pairs have no lesson).
    /// </summary>
    private static VerifiedQuery CourseTotals(Intent intent)
    {
        var command = new NpgsqlCommand();
        var pairs = LearnerLessons.Cte(SummaryFilter(intent), command, [], TotalColumns);
        return new("overview", $"""
            WITH {pairs},
            totals AS (
                SELECT count(DISTINCT user_id) AS learners, coalesce(sum(statements), 0) AS statements, count(DISTINCT lesson_url) AS lessons,
                       count(lesson_url) AS started, count(completed_at) FILTER (WHERE lesson_url IS NOT NULL) AS completed,
                       round(count(completed_at) FILTER (WHERE lesson_url IS NOT NULL)::numeric / nullif(count(lesson_url), 0), 4) AS completion_rate,
                       coalesce(sum(answers), 0) AS answers
                FROM pairs)
            SELECT {OverviewColumns(intent.Measure)} FROM totals
            """, Values(command));
    }

    private static string OverviewColumns(Measure measure) => measure switch
    {
        Measure.Learners => "learners",
        Measure.Statements => "statements",
        Measure.LessonCount => "lessons",
        Measure.Answers => "answers",
        Measure.FreeTextAnswers => "free_text_answers",
        Measure.CompletionRate => "started, completed, completion_rate",
        _ => "learners, statements, lessons, answers, completion_rate",
    };

    /// <summary>
    /// Every poll, quiz and rating card of one lesson (those of <see cref="Intent.CardTypes"/> when named), in the
    /// lesson's card order, with each choice in display order and the answers that picked it, as one card's answers
    /// (<c>card_answers</c>): zeros included, a multi-select answer counting once per choice, the share of the card's
    /// answers, and for a quiz whether the choice is part of the correct answer.
    /// </summary>
    private static VerifiedQuery LessonCardAnswers(Intent intent, int place, string responseFilter, Func<object?, string> parameter, List<object?> parameters)
    {
        var lesson = parameter(place);
        var types = parameter(intent.CardTypes is { } named ? named.ToArray() : ["poll", "quiz", "rate"]);
        return new("lesson_card_answers", $"""
            WITH {CourseCatalog.CourseCte},
            {CourseCatalog.CardsCte},
            chosen_cards AS (
                SELECT k.card, k.question_id, k.question_type, k.question_text FROM cards k
                WHERE k.lesson = {lesson} AND k.question_type = ANY({types}::text[])),
            answered AS (
                SELECT r.question_id, r.response_value, count(*) AS answers
                FROM {AnalysisSchema.UserResponses.Table} r JOIN chosen_cards k USING (question_id)
                WHERE true {responseFilter}
                GROUP BY r.question_id, r.response_value),
            chosen AS (
                SELECT a.question_id, unnest(string_to_array(a.response_value, '[,]')) AS choice_id, a.answers FROM answered a),
            defined AS (
                SELECT q.question_id, t.c ->> 'id' AS choice_id, t.c ->> 'description' AS description, t.ordinality
                FROM {AnalysisSchema.Questions.Table} q JOIN chosen_cards k USING (question_id)
                CROSS JOIN LATERAL jsonb_array_elements(q.choices) WITH ORDINALITY AS t(c, ordinality)),
            correct AS (
                SELECT DISTINCT q.question_id, unnest(string_to_array(p.pattern, '[,]')) AS choice_id
                FROM {AnalysisSchema.Questions.Table} q JOIN chosen_cards k USING (question_id)
                CROSS JOIN LATERAL jsonb_array_elements_text(q.correct_responses) AS p(pattern)
                WHERE q.question_type = 'quiz'),
            totals AS (SELECT a.question_id, sum(a.answers) AS card_answers FROM answered a GROUP BY a.question_id)
            SELECT {lesson}::int AS lesson, k.card, k.question_id, k.question_type AS card_type, k.question_text,
                   coalesce(d.choice_id, c.choice_id) AS choice_id, coalesce(d.description, c.choice_id) AS choice,
                   coalesce(sum(c.answers), 0)::bigint AS answers,
                   round(coalesce(sum(c.answers), 0)::numeric / nullif(max(t.card_answers), 0), 4) AS share,
                   CASE WHEN k.question_type = 'quiz'
                        THEN coalesce(d.choice_id, c.choice_id) IN (SELECT x.choice_id FROM correct x WHERE x.question_id = k.question_id) END AS correct,
                   coalesce(max(t.card_answers), 0)::bigint AS card_answers
            FROM defined d FULL JOIN chosen c ON c.question_id = d.question_id AND c.choice_id = d.choice_id
            JOIN chosen_cards k ON k.question_id = coalesce(d.question_id, c.question_id)
            LEFT JOIN totals t ON t.question_id = k.question_id
            GROUP BY k.card, k.question_id, k.question_type, k.question_text, d.choice_id, c.choice_id, d.description, d.ordinality
            ORDER BY k.card, d.ordinality NULLS LAST, 6
            """, parameters, new ChartHint("choice", ["answers"]));
    }

    /// <summary>
    /// The free-text answers of the period and of the previous period of the same length, the newest
    /// <see cref="ThemeSampleSize"/> of each at most (one more tells that there were more), as arrays in one row per
    /// period: <see cref="ThemeRanking.Trending"/> compares their phrases as analytics' trending themes do.
    /// </summary>
    private static VerifiedQuery TrendingThemes(Intent intent, Func<object?, string> parameter, List<object?> parameters)
    {
        var range = intent.Range ?? throw new ArgumentException("trending themes compare a period", nameof(intent));
        var scope = Filter("r", intent with { Range = null }, parameter);
        var lessons = intent.Lessons.Count > 0 ? $"AND c.lesson = ANY({parameter(intent.Lessons.ToArray())})" : "";
        var card = intent.Card is { } one ? $"AND r.question_id = {parameter(one.Id)}" : "";
        var previousFrom = parameter((range.From - (range.To - range.From)).UtcDateTime);
        var from = parameter(range.From.UtcDateTime);
        var to = parameter(range.To.UtcDateTime);
        var limit = parameter(ThemeSampleSize + 1);
        string Sample(string start, string end) => $"""
            SELECT r.response_text, coalesce(r.question_id, '') AS question_id, r."timestamp", r.statement_id
                FROM {AnalysisSchema.UserResponses.Table} r LEFT JOIN course c ON c.lesson_url = r.lesson_url
                WHERE r.sentiment IS NOT NULL AND r."timestamp" >= {start} AND r."timestamp" < {end} {scope} {lessons} {card}
                ORDER BY r."timestamp" DESC, r.statement_id
                LIMIT {limit}
            """;
        const string answers = """
            count(*) AS answers_read, array_agg(s.response_text ORDER BY s."timestamp" DESC, s.statement_id) AS answers,
                   array_agg(s.question_id ORDER BY s."timestamp" DESC, s.statement_id) AS cards
            """;
        return new("trending_themes", $"""
            WITH {CourseCatalog.CourseCte},
            current_period AS ({Sample(from, to)}),
            previous_period AS ({Sample(previousFrom, from)})
            SELECT 'current' AS period, {from}::timestamptz AS starts, {to}::timestamptz AS ends, {answers}
            FROM current_period s
            UNION ALL
            SELECT 'previous', {previousFrom}::timestamptz, {from}::timestamptz, {answers}
            FROM previous_period s
            """, parameters, new ChartHint("phrase", ["change"]));
    }

    /// <summary>
    /// One row per cohort (learners whose first statement fell in the same week, lettered in week order as the
    /// catalogue letters them): its size, the learners active in the scope, statements, answers, learner-lessons started
    /// and completed, and statements per learner of the cohort (cohorts differ in size). All but the free-text answers
    /// come from analytics' learner-lesson summaries (<see cref="LearnerLessons"/>, exact for any period); free-text
    /// answers are counted on the answers to free-text cards only.
    /// </summary>
    private static VerifiedQuery CohortComparison(Intent intent)
    {
        var command = new NpgsqlCommand();
        string P(object? value) => command.Add(value!);
        var rankBy = CohortColumns[intent.Measure];
        var pairs = LearnerLessons.Cte(SummaryFilter(intent), command, [], TotalColumns);
        var scope = ScopeOf("p", intent, P);
        var freeText = $"{Filter("r", intent, P)} {(intent.Lessons.Count > 0 ? $"AND c.lesson = ANY({P(intent.Lessons.ToArray())})" : "")}";
        var only = intent.Cohorts is { Count: > 0 } weeks ? $"WHERE l.week = ANY({P(weeks.Select(DateOnly.Parse).ToArray())})" : "";
        var order = intent.Top is not null ? $"{rankBy} {(intent.Ascending ? "ASC" : "DESC")} NULLS LAST, l.week" : "l.week";
        var limit = intent.Top is { } top ? $"LIMIT {P(top)}" : "";
        return new("cohort_comparison", $"""
            WITH {CourseCatalog.CourseCte},
            members AS (
                SELECT u.user_id, date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date AS week FROM {AnalysisSchema.Users.Table} u),
            lettered AS (
                SELECT m.week, count(*) AS learners, row_number() OVER (ORDER BY m.week) AS n FROM members m GROUP BY m.week),
            {pairs},
            activity AS (
                SELECT m.week, count(DISTINCT p.user_id) AS active_learners, sum(p.statements)::bigint AS statements,
                       count(p.lesson_url) AS started, count(p.completed_at) FILTER (WHERE p.lesson_url IS NOT NULL) AS completed,
                       sum(p.answers)::bigint AS answers
                FROM pairs p JOIN members m ON m.user_id = p.user_id
                WHERE {scope}
                GROUP BY m.week),
            free_text AS (
                SELECT m.week, count(*) AS free_text_answers
                FROM {AnalysisSchema.UserResponses.Table} r
                JOIN {AnalysisSchema.Questions.Table} q ON q.question_id = r.question_id AND q.question_type = 'form'
                JOIN members m ON m.user_id = r.user_id LEFT JOIN course c ON c.lesson_url = r.lesson_url
                WHERE true {freeText}
                GROUP BY m.week),
            compared AS (
                SELECT CASE WHEN l.n <= 26 THEN chr(64 + l.n::int) ELSE l.n::text END AS cohort, l.week, l.learners,
                       coalesce(v.active_learners, 0) AS active_learners, coalesce(v.statements, 0) AS statements,
                       coalesce(v.answers, 0) AS answers, coalesce(f.free_text_answers, 0) AS free_text_answers,
                       coalesce(v.started, 0) AS started, coalesce(v.completed, 0) AS completed,
                       round(v.completed::numeric / nullif(v.started, 0), 4) AS completion_rate,
                       round(coalesce(v.statements, 0)::numeric / l.learners, 2) AS statements_per_learner
                FROM lettered l LEFT JOIN activity v ON v.week = l.week LEFT JOIN free_text f ON f.week = l.week
                {only})
            SELECT * FROM compared l
            ORDER BY {order}
            {limit}
            """, Values(command), new ChartHint("cohort", [rankBy]));
    }

    /// <summary>
    /// Active learners and statements, in total or per day or ISO week of statement time (UTC), from analytics'
    /// learner-lesson-days (<see cref="LearnerLessonDays"/>, exact for any period: rows a bound falls inside are replaced
    /// by their activities), grouped by period and learner first, so learners count once per period. Days ranked by
    /// active learners, then statements, when a ranking is asked.
    /// </summary>
    private static VerifiedQuery Engagement(Intent intent)
    {
        var command = new NpgsqlCommand();
        string P(object? value) => command.Add(value!);
        var days = LearnerLessonDays.Cte(SummaryFilter(intent), command, []);
        var scope = ScopeOf("d", intent, P);
        (string Column, string Period)? grouping = intent.Interval is "day" ? ("day", "d.day")
            : intent.Interval is "week" || intent.Range is null ? ("week", "date_trunc('week', d.day::timestamp)::date")
            : null;
        if (grouping is not { } by)
        {
            return new("engagement", $"""
                WITH {CourseCatalog.CourseCte},
                {days},
                per_learner AS (SELECT d.user_id, sum(d.statements) AS statements FROM days d WHERE {scope} GROUP BY d.user_id)
                SELECT count(*) AS active_learners, coalesce(sum(p.statements), 0)::bigint AS statements FROM per_learner p
                """, Values(command));
        }
        var direction = intent.Ascending ? "ASC" : "DESC";
        var order = intent.Top is { } top ? $"active_learners {direction}, statements {direction}, 1 LIMIT {P(top)}" : "1";
        return new("engagement", $"""
            WITH {CourseCatalog.CourseCte},
            {days},
            per_learner AS (
                SELECT {by.Period} AS period, d.user_id, sum(d.statements) AS statements FROM days d WHERE {scope} GROUP BY 1, 2)
            SELECT p.period AS {by.Column}, count(*) AS active_learners, sum(p.statements)::bigint AS statements
            FROM per_learner p
            GROUP BY 1
            ORDER BY {order}
            """, Values(command));
    }

    /// <summary>
    /// Answers per card (and correct answers of quizzes) with each card's lesson, type and prompt. Over all time or whole
    /// UTC days and without a cohort or learner, from the normalizer's answer counts per card and day
    /// (<see cref="SourcePlanner.AnswerCounts"/>, as analytics' questions list); otherwise counted on the answers.
    /// </summary>
    private static VerifiedQuery QuestionAnswers(Intent intent)
    {
        var command = new NpgsqlCommand();
        string P(object? value) => command.Add(value!);
        var filter = SummaryFilter(intent);
        var answered = intent.Learner is null && SourcePlanner.AnswerCounts(filter) == AnalysisSource.QuestionAnswerCounts
            ? $"""
                SELECT n.question_id, sum(n.answers) AS answers, sum(n.correct) AS correct, sum(n.judged) AS judged
                FROM {AnalysisSchema.QuestionAnswerCounts.Table} n
                WHERE true {(intent.Range is { } range
                    ? $"AND n.day >= {P(DateOnly.FromDateTime(range.From.UtcDateTime))} AND n.day < {P(DateOnly.FromDateTime(range.To.UtcDateTime))}"
                    : "")}
                GROUP BY n.question_id
                """
            : $"""
                SELECT r.question_id, count(*) AS answers, count(*) FILTER (WHERE r.is_correct) AS correct, count(r.is_correct) AS judged
                FROM {AnalysisSchema.UserResponses.Table} r WHERE true {Filter("r", intent, P)} GROUP BY r.question_id
                """;
        var lessons = intent.Lessons.Count > 0 ? $"AND c.lesson = ANY({P(intent.Lessons.ToArray())})" : "";
        var ranked = intent.Top is not null ? $"answers {(intent.Ascending ? "ASC" : "DESC")}, " : "";
        var limit = intent.Top is { } top ? $"LIMIT {P(top)}" : "";
        return new("question_answers", $"""
            WITH {CourseCatalog.CourseCte},
            answers AS ({answered})
            SELECT c.lesson, q.question_id, q.question_type, q.question_text, coalesce(n.answers, 0) AS answers,
                   CASE WHEN q.question_type = 'quiz' THEN n.correct END AS correct,
                   CASE WHEN q.question_type = 'quiz' THEN round(n.correct::numeric / nullif(n.judged, 0), 4) END AS correct_rate
            FROM {AnalysisSchema.Questions.Table} q JOIN course c USING (lesson_url) LEFT JOIN answers n USING (question_id)
            WHERE true {lessons}
            ORDER BY {ranked}c.lesson, q.first_seen, q.question_id
            {limit}
            """, Values(command));
    }

    /// <summary>The learner-lesson figures at-risk learners read from analytics' summaries over a period.</summary>
    private static readonly PairColumn[] AtRiskPairColumns =
    [
        new("completed_at", "min", "first_completed_at"),
        new("last_at", "max", "last_at"),
    ];

    /// <summary>
    /// Learners with lessons left and no statement in the 7 days before the data's last statement, the longest inactive
    /// first. Over all time from the normalizer's per-learner totals (<see cref="LearnerTotals"/>: one row per learner);
    /// over a period from analytics' learner-lesson summaries of the period (<see cref="LearnerLessons"/>).
    /// </summary>
    private static VerifiedQuery AtRisk(Intent intent)
    {
        var command = new NpgsqlCommand();
        var filter = SummaryFilter(intent);
        var learner = intent.Learner is { } id ? $"AND user_id = {command.Add(id)}" : "";
        var perLearner = intent.Range is null
            ? $"""
                per_learner AS (
                    SELECT t.user_id, t.lessons_started, t.lessons_completed, t.last_at AS last_seen
                    FROM {AnalysisSchema.LearnerTotals.Table} t
                    WHERE {LearnerTotals.Where(filter, command)} {learner})
                """
            : $"""
                {LearnerLessons.Cte(filter, command, [], AtRiskPairColumns)},
                per_learner AS (
                    SELECT user_id, count(lesson_url) AS lessons_started,
                           count(completed_at) FILTER (WHERE lesson_url IS NOT NULL) AS lessons_completed, max(last_at) AS last_seen
                    FROM pairs WHERE true {learner} GROUP BY user_id)
                """;
        return new("at_risk_learners", $"""
            WITH {CourseCatalog.CourseCte},
            {perLearner},
            as_of AS (SELECT max("timestamp") AS t FROM {AnalysisSchema.UserActivities.Table})
            SELECT coalesce(u.display_name, u.user_id) AS learner, p.lessons_started, p.lessons_completed,
                   p.last_seen::date AS last_seen, floor(extract(epoch FROM o.t - p.last_seen) / 86400)::int AS days_inactive
            FROM per_learner p JOIN {AnalysisSchema.Users.Table} u USING (user_id) CROSS JOIN as_of o
            WHERE p.lessons_completed < (SELECT count(*) FROM course) AND p.last_seen < o.t - interval '7 days'
            ORDER BY days_inactive DESC, p.lessons_completed, learner
            LIMIT {command.Add(intent.Top ?? 50)}
            """, Values(command));
    }

    /// <summary>The period and cohort of an intent as analytics' filter, which its summaries are read by.</summary>
    private static AnalyticsFilter SummaryFilter(Intent intent) =>
        new(intent.Range?.From, intent.Range?.To, null, intent.Cohort is { } cohort ? DateOnly.Parse(cohort, CultureInfo.InvariantCulture) : null);

    /// <summary>
    /// The lessons and learner of an intent as conditions on a summary row (alias <paramref name="alias"/>, with
    /// user_id and lesson_url): whole rows are in or out, as the summaries keep one lesson and learner per row.
    /// </summary>
    private static string ScopeOf(string alias, Intent intent, Func<object?, string> parameter)
    {
        var conditions = "true";
        if (intent.Lessons.Count > 0)
        {
            conditions += $" AND {alias}.lesson_url IN (SELECT c.lesson_url FROM course c WHERE c.lesson = ANY({parameter(intent.Lessons.ToArray())}))";
        }
        if (intent.Learner is { } learner)
        {
            conditions += $" AND {alias}.user_id = {parameter(learner)}";
        }
        return conditions;
    }

    /// <summary>The values of the positional parameters a command collected, in order.</summary>
    private static List<object?> Values(NpgsqlCommand command) => command.Parameters.Select(parameter => parameter.Value).ToList();

    /// <summary>
    /// The learners a question may mean by <paramref name="reference"/>: its id, e-mail address or display name (letters
    /// and digits compared, case ignored), or, for eight or more hexadecimal characters, the start of an id. At most six.
    /// </summary>
    public static VerifiedQuery LearnerLookup(string reference)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(reference.ToLowerInvariant(), "[^\\p{L}\\p{N}]+", " ").Trim();
        var prefix = System.Text.RegularExpressions.Regex.IsMatch(reference, "^[0-9a-fA-F]{8,}$") ? reference.ToLowerInvariant() + "%" : null;
        return new("learner_lookup", $"""
            SELECT u.user_id, u.display_name, u.email, date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date AS cohort_week
            FROM {AnalysisSchema.Users.Table} u
            WHERE u.user_id = $1 OR lower(u.email) = lower($1)
               OR btrim(regexp_replace(lower(u.display_name), '[^[:alnum:]]+', ' ', 'g')) = $2
               OR ($3::text IS NOT NULL AND lower(u.user_id) LIKE $3::text)
            ORDER BY u.user_id
            LIMIT 6
            """, [reference, plain, prefix]);
    }

    /// <summary>Free-text answers matching web-search words (stemmed, english), best matches first, with how many match.</summary>
    private static VerifiedQuery Search(Intent intent, string responseFilter, string lessonFilter, Func<object?, string> parameter, List<object?> parameters)
    {
        var words = parameter(intent.Search);
        return new("response_search", $"""
            WITH {CourseCatalog.CourseCte},
            matches AS (
                SELECT r.statement_id, r.lesson_url, r.question_id, r.response_text,
                       ts_rank_cd(r.response_search, websearch_to_tsquery('english', {words})) AS rank
                FROM {AnalysisSchema.UserResponses.Table} r
                WHERE r.response_search @@ websearch_to_tsquery('english', {words}) {responseFilter})
            SELECT c.lesson, q.question_text, m.response_text, count(*) OVER () AS matching_answers
            FROM matches m LEFT JOIN course c ON c.lesson_url = m.lesson_url LEFT JOIN {AnalysisSchema.Questions.Table} q ON q.question_id = m.question_id
            WHERE true {lessonFilter}
            ORDER BY m.rank DESC, m.statement_id
            LIMIT {parameter(intent.Top ?? 10)}
            """, parameters);
    }

    private static VerifiedQuery Overview(Intent intent, string activityFilter, string responseFilter, string lessonFilter, List<object?> parameters)
    {
        var columns = OverviewColumns(intent.Measure);
        return new("overview", $"""
            WITH {CourseCatalog.CourseCte},
            acts AS (
                SELECT a.user_id, a.lesson_url, a.activity_type, a.question_id FROM {AnalysisSchema.UserActivities.Table} a LEFT JOIN course c ON c.lesson_url = a.lesson_url
                WHERE true {activityFilter} {lessonFilter}),
            pairs AS (
                SELECT a.user_id, a.lesson_url, bool_or({IsCompletion}) AS completed FROM acts a WHERE a.lesson_url IS NOT NULL GROUP BY 1, 2),
            responses AS (
                SELECT count(*) AS answers, count(*) FILTER (WHERE q.question_type = 'form') AS free_text_answers
                FROM {AnalysisSchema.UserResponses.Table} r LEFT JOIN course c ON c.lesson_url = r.lesson_url LEFT JOIN {AnalysisSchema.Questions.Table} q ON q.question_id = r.question_id
                WHERE true {responseFilter} {lessonFilter}),
            totals AS (
                SELECT (SELECT count(DISTINCT user_id) FROM acts) AS learners, (SELECT count(*) FROM acts) AS statements,
                       (SELECT count(DISTINCT lesson_url) FROM pairs) AS lessons, (SELECT count(*) FROM pairs) AS started,
                       (SELECT count(*) FILTER (WHERE completed) FROM pairs) AS completed,
                       (SELECT round(count(*) FILTER (WHERE completed)::numeric / nullif(count(*), 0), 4) FROM pairs) AS completion_rate,
                       answers, free_text_answers
                FROM responses)
            SELECT {columns} FROM totals
            """, parameters);
    }

    /// <summary>The period and cohort conditions on a fact table's alias.</summary>
    private static string Filter(string alias, Intent intent, Func<object?, string> parameter)
    {
        var conditions = "";
        if (intent.Range is { } range)
        {
            conditions += $" AND {alias}.\"timestamp\" >= {parameter(range.From.UtcDateTime)} AND {alias}.\"timestamp\" < {parameter(range.To.UtcDateTime)}";
        }
        if (intent.Cohort is { } cohort)
        {
            conditions += $" AND {alias}.user_id IN (SELECT user_id FROM {AnalysisSchema.Users.Table} WHERE date_trunc('week', first_seen AT TIME ZONE 'UTC')::date = {parameter(DateOnly.Parse(cohort))})";
        }
        if (intent.Learner is { } learner)
        {
            conditions += $" AND {alias}.user_id = {parameter(learner)}";
        }
        return conditions;
    }
}
