using System.Globalization;
using Agent.Api.Engine;
using Agent.Api.Engine.Offline;
using SevenTaps.Text;

namespace Agent.Api.Workbench;

/// <summary>
/// A dashboard view as its "open in workbench" link names it, spelled as the dashboard's own URLs spell it: the
/// filter every tile takes (<c>from</c>, <c>to</c>: UTC days, <c>to</c> exclusive; <c>lesson</c>: its address;
/// <c>cohort</c>: its Monday), the engagement tile's <c>interval</c>, and the explorer's <c>view</c>, filters, sort and
/// page size. Values that do not parse are ignored, as the dashboard ignores them.
/// </summary>
public sealed record TileView(
    string? From, string? To, string? Lesson, string? Cohort, string? Interval,
    string? View, string? Card, string? Learner, string? Q, string? Sentiment, string? Flagged, string? Sort, string? PageSize);

/// <summary>
/// The SQL behind a dashboard tile, for "open in workbench": one self-contained statement, with the view's filter
/// written into it as literals, whose result holds the tile's figures. The overview's tiles run Seven's verified
/// queries of the same measure (the queries its agreement tests hold equal to the analytics API's answers); the
/// funnel, completion heatmap, engagement, at-risk, sentiment, card and explorer tiles are the analytics API's
/// definitions (docs/analytics.md) written on the fact tables, which every filter answers exactly. The themes tile's
/// SQL is the sample of answers the analytics API ranks in code.
/// </summary>
public static class TileQueries
{
    /// <summary>
    /// Days without a statement after which a learner counts as wholly inactive in the at-risk score: the analytics
    /// API's default (<c>Analytics:InactiveAfterDays</c>).
    /// </summary>
    internal const int InactiveAfterDays = 14;

    private const string IsCompletion = VerifiedQueries.IsCompletion;

    private static readonly string[] PageSizes = ["25", "50", "100", "200"];

    /// <summary>Each explorer view's table and the SQL of the columns it sorts by (as the analytics API sorts them).</summary>
    private static readonly Dictionary<string, (string Table, Dictionary<string, string> Sort)> ExplorerViews = new()
    {
        ["responses"] = ("analysis.user_responses", new()
        {
            ["timestamp"] = "r.\"timestamp\"", ["learner"] = "r.user_id", ["lesson"] = "coalesce(r.lesson_url, '')",
            ["card"] = "coalesce(r.question_id, '')", ["sentiment"] = "coalesce(r.sentiment, -2)", ["duration"] = "coalesce(r.duration_seconds, -1)",
        }),
        ["activities"] = ("analysis.user_activities", new()
        {
            ["timestamp"] = "r.\"timestamp\"", ["learner"] = "r.user_id", ["lesson"] = "coalesce(r.lesson_url, '')",
            ["card"] = "coalesce(r.question_id, '')", ["verb"] = "r.verb", ["duration"] = "coalesce(r.duration_seconds, -1)",
        }),
    };

    /// <summary>At most this many rows of learners in the completion heatmap (its tile's <c>rows</c>): beyond it they are grouped.</summary>
    internal const int HeatmapRows = 40;

    /// <summary>
    /// The tile's SQL for the view, or null for a tile without one (or an overview tile with a lesson: see below). The
    /// themes tile's SQL fetches the answers it ranks: the ranking itself (TF-IDF) is the analytics API's code, done
    /// after (<see cref="Note"/> says so).
    /// </summary>
    /// <param name="now">The at-risk score's "as of" when the view has no end day, written into the SQL.</param>
    public static string? Sql(string tile, TileView view, DateTimeOffset now)
    {
        var filter = Filter.Of(view);
        return tile switch
        {
            // Seven's verified queries name lessons by their place in the course, not by address.
            "overview" or "lessons" when filter.Lesson is not null => null,
            "overview" => Verified(Measure.Overview, filter),
            "lessons" => Verified(Measure.CompletionRate, filter),
            "dropoff" => Dropoff(filter),
            "engagement" => Engagement(filter, daily: view.Interval == "day"),
            "at-risk" => AtRisk(filter, filter.To is { } to ? Midnight(to) : now),
            "sentiment" => Sentiment(filter, byWeek: false),
            "sentiment-weekly" => Sentiment(filter, byWeek: true),
            "completion-heatmap" => CompletionHeatmap(filter),
            "themes" => ThemeSample(filter),
            // The explorer's card tile: how learners answered the chosen card (its filter without the lesson, as analytics counts it).
            "answers" when Id(view.Card) is { } card => CardAnswers(filter, card),
            // The flagged answers are the explorer's view of them: the watch list's answers, newest first.
            "flagged" => Explorer(filter, new TileView(null, null, null, null, null, null, null, null, null, null, Flagged: "true", Sort: "-timestamp", PageSize: "50")),
            "explorer" => Explorer(filter, view),
            _ => null,
        };
    }

    /// <summary>What the workbench says about the tile's SQL beyond "run it for the tile's figures", or null.</summary>
    public static string? Note(string tile) => tile switch
    {
        "themes" => $"This SQL fetches what the themes tile ranks: the newest {VerifiedQueries.ThemeSampleSize:N0} free-text answers of the view at most. " +
                    "The ranking happens after, in the analytics API's code: key phrases of one to three words scored by TF-IDF " +
                    "(phrases that every card's answers share sink), each with the share of these answers that contain it.",
        _ => null,
    };

    private static string Verified(Measure measure, Filter filter)
    {
        DateRange? range = filter.From is null && filter.To is null ? null : new DateRange(
            Midnight(filter.From ?? DateOnly.MinValue), Midnight(filter.To ?? DateOnly.MaxValue), "the dashboard's filter");
        var query = VerifiedQueries.For(Intent.Of(measure) with { Range = range, Cohort = filter.Cohort?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        return SqlLiterals.Inline(query.Sql, query.Parameters);
    }

    /// <summary>The funnel: lessons in course order, the learners who reached each, and those whose furthest lesson it is. The whole course, whatever the lesson filter.</summary>
    private static string Dropoff(Filter filter) => $"""
        -- Lessons in course order (catalogue number, then the order learners first reached them): learners with any
        -- statement in the lesson, and learners whose furthest lesson it is.
        WITH {CourseCatalog.CourseCte},
        pairs AS (
            SELECT DISTINCT a.user_id, a.lesson_url
            FROM analysis.user_activities a
            WHERE a.lesson_url IS NOT NULL{filter.Where("a", includeLesson: false)}),
        furthest AS (
            SELECT p.user_id, max(c.lesson) AS place FROM pairs p JOIN course c USING (lesson_url) GROUP BY p.user_id)
        SELECT row_number() OVER (ORDER BY c.lesson) AS position, l.lesson_number, c.lesson_name, c.lesson_url,
               count(*) AS reached, (SELECT count(*) FROM furthest f WHERE f.place = c.lesson) AS stopped_here
        FROM pairs p JOIN course c USING (lesson_url) JOIN analysis.lessons l USING (lesson_url)
        GROUP BY c.lesson, l.lesson_number, c.lesson_name, c.lesson_url
        ORDER BY c.lesson
        """;

    /// <summary>Active learners and statements per ISO week and cohort, or per UTC day for all learners.</summary>
    private static string Engagement(Filter filter, bool daily) => daily
        ? $"""
            -- Per UTC day: learners with at least one statement, and their statements.
            SELECT (a."timestamp" AT TIME ZONE 'UTC')::date AS day, count(DISTINCT a.user_id) AS active_learners, count(*) AS statements
            FROM analysis.user_activities a
            WHERE true{filter.Where("a")}
            GROUP BY 1
            ORDER BY 1
            """
        : $"""
            -- Per ISO week (its Monday) and cohort (the week of the learner's first statement): learners with at least one
            -- statement, and their statements.
            SELECT date_trunc('week', a."timestamp" AT TIME ZONE 'UTC')::date AS week,
                   date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date AS cohort,
                   count(DISTINCT a.user_id) AS active_learners, count(*) AS statements
            FROM analysis.user_activities a JOIN analysis.users u ON u.user_id = a.user_id
            WHERE true{filter.Where("a")}
            GROUP BY 1, 2
            ORDER BY 1, 2
            """;

    /// <summary>
    /// Free-text answers per lesson (by address, as the analytics API groups them) or per ISO week (its Monday, UTC):
    /// mean VADER score and the answers per class.
    /// </summary>
    private static string Sentiment(Filter filter, bool byWeek)
    {
        var (positive, negative) = (Number(SentimentAnalyzer.PositiveThreshold), Number(SentimentAnalyzer.NegativeThreshold));
        var (per, group, name, join, order) = byWeek
            ? ("ISO week (its Monday, UTC)", "date_trunc('week', r.\"timestamp\" AT TIME ZONE 'UTC')::date AS week", "", "", "1")
            : ("lesson", "r.lesson_url", ", l.lesson_name", "LEFT JOIN analysis.lessons l ON l.lesson_url = r.lesson_url", "r.lesson_url NULLS LAST");
        return $"""
            -- Free-text answers per {per}, scored by VADER: the mean compound score (-1 to 1) and the answers that are
            -- positive (>= {positive}), neutral, or negative (<= {negative}).
            SELECT {group}{name}, count(*) AS answers, round(avg(r.sentiment)::numeric, 4) AS mean_score,
                   count(*) FILTER (WHERE r.sentiment >= {positive}) AS positive,
                   count(*) FILTER (WHERE r.sentiment > {negative} AND r.sentiment < {positive}) AS neutral,
                   count(*) FILTER (WHERE r.sentiment <= {negative}) AS negative
            FROM analysis.user_responses r {join}
            WHERE r.sentiment IS NOT NULL{filter.Where("r")}
            GROUP BY {(byWeek ? "1" : "r.lesson_url, l.lesson_name")}
            ORDER BY {order}
            LIMIT 100
            """;
    }

    /// <summary>
    /// The completion heatmap: learners ranked by progress (lessons completed, then started, most first; then user id),
    /// in at most <see cref="HeatmapRows"/> groups of neighbouring rank (<c>ntile</c>), and per group and lesson in
    /// course order how many of them started it (a statement in it) and completed it (a completed statement on it).
    /// </summary>
    private static string CompletionHeatmap(Filter filter) => $"""
        -- Learners ranked by progress (lessons completed, then started, most first; then user id), cut into at most
        -- {HeatmapRows} groups of neighbouring rank; per group and lesson (course order): learners who started it (a
        -- statement in it) and completed it (a completed statement on the lesson itself).
        WITH {CourseCatalog.CourseCte},
        pairs AS (
            SELECT a.user_id, a.lesson_url, bool_or({IsCompletion}) AS completed
            FROM analysis.user_activities a
            WHERE a.lesson_url IS NOT NULL{filter.Where("a")}
            GROUP BY a.user_id, a.lesson_url),
        learners AS (
            SELECT user_id, count(*) AS started, count(*) FILTER (WHERE completed) AS completed FROM pairs GROUP BY user_id),
        ranked AS (
            SELECT user_id, ntile({HeatmapRows}) OVER progress AS grp, row_number() OVER progress AS place
            FROM learners
            WINDOW progress AS (ORDER BY completed DESC, started DESC, user_id COLLATE "C")),
        grouped AS (
            SELECT grp, min(place) AS first_rank, max(place) AS last_rank, count(*) AS learners FROM ranked GROUP BY grp)
        SELECT g.grp AS row, g.first_rank, g.last_rank, g.learners, c.lesson, c.lesson_name, p.lesson_url,
               count(*) AS started, count(*) FILTER (WHERE p.completed) AS completed
        FROM pairs p JOIN ranked r USING (user_id) JOIN grouped g USING (grp) JOIN course c USING (lesson_url)
        GROUP BY g.grp, g.first_rank, g.last_rank, g.learners, c.lesson, c.lesson_name, p.lesson_url
        ORDER BY g.grp, c.lesson
        """;

    /// <summary>The free-text answers the themes tile ranks: the view's newest, as many as the analytics API reads.</summary>
    private static string ThemeSample(Filter filter) => $"""
        -- The free-text answers the themes tile ranks: the view's newest {VerifiedQueries.ThemeSampleSize:N0} at most, each with its
        -- card, and how many there are. The key phrases are ranked from these texts afterwards, by the analytics API's code.
        WITH sample AS (
            SELECT r.statement_id, r."timestamp", r.question_id, r.response_text
            FROM analysis.user_responses r
            WHERE r.sentiment IS NOT NULL{filter.Where("r")}
            ORDER BY r."timestamp" DESC, r.statement_id
            LIMIT {VerifiedQueries.ThemeSampleSize})
        SELECT s.*, count(*) OVER () AS answers_analysed
        FROM sample s
        ORDER BY s."timestamp" DESC, s.statement_id
        """;

    /// <summary>
    /// How learners answered a poll, quiz or rating card: every defined choice (zeros included) with how many chose it, a
    /// multi-select answer ("a[,]c") counting once per choice; for the dates and cohort of the view.
    /// </summary>
    private static string CardAnswers(Filter filter, string card) => $"""
        -- The answers to one card per choice, every defined choice listed (zeros included); a multi-select answer
        -- ("a[,]c") counts once per choice it holds.
        WITH answered AS (
            SELECT r.response_value, count(*) AS answers
            FROM analysis.user_responses r
            WHERE r.question_id = {Text(card)}{filter.Where("r", includeLesson: false)}
            GROUP BY r.response_value),
        chosen AS (
            SELECT unnest(string_to_array(response_value, '[,]')) AS choice_id, answers FROM answered),
        defined AS (
            SELECT c->>'id' AS choice_id, c->>'description' AS description, ordinality
            FROM analysis.questions q, jsonb_array_elements(q.choices) WITH ORDINALITY AS t(c, ordinality)
            WHERE q.question_id = {Text(card)})
        SELECT coalesce(d.choice_id, c.choice_id) AS choice_id, d.description, coalesce(sum(c.answers), 0) AS answers
        FROM defined d FULL JOIN chosen c ON c.choice_id = d.choice_id
        GROUP BY 1, 2, d.ordinality
        ORDER BY d.ordinality NULLS LAST, 1
        """;

    /// <summary>
    /// The 50 learners most at risk and how many learners there are, scored as the analytics API scores them
    /// (docs/analytics.md): inactivity up to 0.5, activity halved week on week 0.25, a lesson started and not completed
    /// 0.25; none for a learner who completed every lesson. Times count back from <paramref name="asOf"/>.
    /// </summary>
    private static string AtRisk(Filter filter, DateTimeOffset asOf)
    {
        var at = Time(asOf);
        return $"""
            -- Churn risk as of {asOf.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: days since the last statement over {InactiveAfterDays} (at most 1) x 0.5,
            -- + 0.25 when the last 7 days have fewer than half the statements of the 7 before, + 0.25 when a lesson was
            -- started and not completed; 0 for learners who completed every lesson. Highest first, then by user id.
            WITH per_learner AS (
                SELECT a.user_id, count(DISTINCT a.lesson_url) AS started,
                       count(DISTINCT a.lesson_url) FILTER (WHERE {IsCompletion}) AS completed,
                       max(a."timestamp") AS last_seen,
                       count(*) FILTER (WHERE a."timestamp" > {at} - interval '7 days') AS recent,
                       count(*) FILTER (WHERE a."timestamp" > {at} - interval '14 days' AND a."timestamp" <= {at} - interval '7 days') AS previous
                FROM analysis.user_activities a
                WHERE a."timestamp" <= {at}{filter.Where("a")}
                GROUP BY a.user_id),
            scored AS (
                SELECT p.*,
                       CASE WHEN p.completed > 0 AND p.completed = (SELECT count(*) FROM analysis.lessons) THEN 0
                            ELSE round((least(1, extract(epoch FROM {at} - p.last_seen) / 86400 / {InactiveAfterDays}) * 0.5
                                  + CASE WHEN p.previous > 0 AND p.recent * 2 < p.previous THEN 0.25 ELSE 0 END
                                  + CASE WHEN p.started > p.completed THEN 0.25 ELSE 0 END)::numeric, 4) END AS risk
                FROM per_learner p)
            SELECT coalesce(u.display_name, s.user_id) AS learner, s.user_id, s.risk, s.started AS lessons_started, s.completed AS lessons_completed,
                   s.last_seen, floor(extract(epoch FROM {at} - s.last_seen) / 86400)::int AS days_inactive,
                   s.recent AS statements_last_7_days, s.previous AS statements_7_days_before, count(*) OVER () AS learners
            FROM scored s JOIN analysis.users u ON u.user_id = s.user_id
            ORDER BY s.risk DESC, s.user_id
            LIMIT 50
            """;
    }

    /// <summary>The explorer's first page of the view (its filter, sort and page size), each row with the view's total.</summary>
    private static string Explorer(Filter filter, TileView view)
    {
        var name = view.View == "activities" ? "activities" : "responses";
        var (table, sortable) = ExplorerViews[name];
        var descending = view.Sort is not { Length: > 0 } sort || sort.StartsWith('-');
        var key = sortable.GetValueOrDefault(view.Sort?.TrimStart('-') ?? "") ?? sortable["timestamp"];
        var direction = descending ? " DESC" : "";
        var pageSize = PageSizes.Contains(view.PageSize) ? view.PageSize : "50";

        var where = filter.Where("r");
        if (Id(view.Card) is { } card)
        {
            where += $" AND r.question_id = {Text(card)}";
        }
        if (Id(view.Learner) is { } learner)
        {
            where += $" AND r.user_id = {Text(learner)}";
        }
        string columns, joins;
        if (name == "responses")
        {
            columns = "r.statement_id, r.\"timestamp\", r.user_id, u.display_name, l.lesson_number, l.lesson_name, q.question_type, q.question_text, " +
                      "r.response_text, r.response_value, r.is_correct, r.sentiment, r.duration_seconds";
            joins = "LEFT JOIN analysis.questions q ON q.question_id = r.question_id";
            where += AnswerConditions(view);
        }
        else
        {
            columns = "r.statement_id, r.\"timestamp\", r.user_id, u.display_name, r.verb, r.activity_type, l.lesson_number, l.lesson_name, " +
                      "r.question_id, r.completion, r.success, r.duration_seconds, r.source";
            joins = "";
        }
        return $"""
            -- The explorer's {name}: the first {pageSize} rows of the view in its order, each with the view's total.
            SELECT {columns}, count(*) OVER () AS total
            FROM {table} r
            JOIN analysis.users u ON u.user_id = r.user_id
            LEFT JOIN analysis.lessons l ON l.lesson_url = r.lesson_url
            {joins}
            WHERE true{where}
            ORDER BY {key}{direction}, r.statement_id{direction}
            LIMIT {pageSize}
            """;
    }

    /// <summary>The answers' own filters: words (web search syntax, stemmed), sentiment class, the watch list.</summary>
    private static string AnswerConditions(TileView view)
    {
        var conditions = "";
        if (view.Q is { Length: > 0 and <= 500 } words && !string.IsNullOrWhiteSpace(words))
        {
            conditions += $" AND r.response_search @@ websearch_to_tsquery('english', {Text(words.Trim())})";
        }
        var (positive, negative) = (Number(SentimentAnalyzer.PositiveThreshold), Number(SentimentAnalyzer.NegativeThreshold));
        conditions += view.Sentiment switch
        {
            "positive" => $" AND r.sentiment >= {positive}",
            "negative" => $" AND r.sentiment <= {negative}",
            "neutral" => $" AND r.sentiment > {negative} AND r.sentiment < {positive}",
            _ => "",
        };
        if (bool.TryParse(view.Flagged, out var flagged))
        {
            // A watch-list term as whole words, decided as the flagged answers decide it (docs/analytics.md).
            var terms = WatchList.Default;
            var match = $"""
                (r.sentiment IS NOT NULL AND ({string.Join(" OR ", terms.Select(term => $"r.response_words @@ phraseto_tsquery('simple', {Text(term)})"))}) AND EXISTS (
                    SELECT 1 FROM unnest(ARRAY[{string.Join(", ", terms.Select(Text))}], ARRAY[{string.Join(", ", terms.Select(term => Text(WatchList.Pattern(term))))}]) AS w(term, pattern)
                    WHERE r.response_words @@ phraseto_tsquery('simple', w.term) AND r.response_text ~* w.pattern))
                """;
            conditions += flagged ? $" AND {match}" : $" AND NOT coalesce({match}, false)";
        }
        return conditions;
    }

    private static string? Id(string? value) => string.IsNullOrWhiteSpace(value) || value.Length > 2048 ? null : value.Trim();

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Text(string value) => SqlLiterals.Text(value);

    private static string Time(DateTimeOffset time) => $"timestamptz '{time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'";

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The filter every tile takes, written into SQL as literals.</summary>
    private sealed record Filter(DateOnly? From, DateOnly? To, string? Lesson, DateOnly? Cohort)
    {
        public static Filter Of(TileView view) => new(Date(view.From), Date(view.To), Id(view.Lesson), Date(view.Cohort));

        /// <summary>The conditions on a fact table aliased <paramref name="alias"/>, each starting with " AND ".</summary>
        public string Where(string alias, bool includeLesson = true)
        {
            var conditions = "";
            if (From is { } from)
            {
                conditions += $" AND {alias}.\"timestamp\" >= {Time(Midnight(from))}";
            }
            if (To is { } to)
            {
                conditions += $" AND {alias}.\"timestamp\" < {Time(Midnight(to))}";
            }
            if (includeLesson && Lesson is { } lesson)
            {
                conditions += $" AND {alias}.lesson_url = {Text(lesson)}";
            }
            if (Cohort is { } cohort)
            {
                conditions += $" AND {alias}.user_id IN (SELECT user_id FROM analysis.users WHERE date_trunc('week', first_seen AT TIME ZONE 'UTC')::date = date '{cohort:yyyy-MM-dd}')";
            }
            return conditions;
        }

        private static DateOnly? Date(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}
