namespace Agent.Api.Workbench;

/// <summary>A parameter of a library query: bound as <c>$n</c> (n = its place in the list), typed by where it stands.</summary>
public sealed record LibraryParameter(string Name, string Description, string Default);

/// <param name="Category"><c>basic</c>, <c>advanced</c>, <c>keyword</c> (built in) or <c>shared</c> (an analyst's shared query).</param>
public sealed record LibraryQuery(string Id, string Category, string Name, string Description, string Sql, IReadOnlyList<LibraryParameter> Parameters);

/// <summary>
/// The workbench's built-in queries. The basic, advanced and keyword groups ask the questions the seed project's SQLPad
/// library asked (its 15 basic, 15 advanced and 9 keyword queries: docs/dashboard.md maps each to its query here),
/// written for the published analysis tables: a cohort is the week of a learner's first statement, lessons are in
/// course order, a keyword is matched by full-text search (English stemming) rather than a substring, and the two
/// keywords the seed wrote a query for each ("stress", "sleep") are a parameter. Every one passes the guard (a test
/// runs them all with their default parameters).
/// </summary>
public static class QueryLibrary
{
    private const string Completed = "a.activity_type = 'http://adlnet.gov/expapi/verbs/completed' AND a.question_id IS NULL";

    /// <summary>Lessons (<c>analysis.lessons l</c>) in course order: catalogue number, then name.</summary>
    private const string CourseOrder = "CASE WHEN l.lesson_number ~ '^[0-9]+$' THEN l.lesson_number::int END NULLS LAST, l.lesson_name";

    /// <summary>A learner's cohort: the Monday of the week of their first statement.</summary>
    private const string Cohort = "date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date";

    private static readonly LibraryParameter Keyword = new("keyword", "Words to look for (web search syntax: stress, \"screen time\", phone -notifications)", "stress");

    private static LibraryParameter Rows(string what, int rows) => new("rows", $"How many {what}", rows.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static IReadOnlyList<LibraryQuery> All { get; } =
    [
        // basic: the seed's first library.
        new("total-learners", "basic", "Total learners", "Learners with at least one statement.",
            "SELECT count(*) AS learners FROM analysis.users", []),
        new("most-active-learners", "basic", "Most active learners", "Learners by statements, with lessons touched and first and last activity.",
            """
            SELECT a.user_id, u.display_name, count(*) AS statements, count(DISTINCT a.lesson_url) AS lessons,
                   min(a."timestamp") AS first_activity, max(a."timestamp") AS last_activity
            FROM analysis.user_activities a JOIN analysis.users u USING (user_id)
            GROUP BY a.user_id, u.display_name
            ORDER BY statements DESC, a.user_id
            LIMIT $1
            """, [Rows("learners", 10)]),
        new("completion-by-lesson", "basic", "Completion by lesson", "Per lesson: learners who started it, who completed it, and the rate.",
            $"""
            SELECT l.lesson_number, l.lesson_name, count(DISTINCT a.user_id) AS started,
                   count(DISTINCT a.user_id) FILTER (WHERE {Completed}) AS completed,
                   round(count(DISTINCT a.user_id) FILTER (WHERE {Completed})::numeric / nullif(count(DISTINCT a.user_id), 0), 4) AS completion_rate
            FROM analysis.lessons l JOIN analysis.user_activities a USING (lesson_url)
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY {CourseOrder}
            """, []),
        new("daily-activity", "basic", "Daily activity", "Statements and active learners per UTC day, over the last days of the data.",
            """
            SELECT ("timestamp" AT TIME ZONE 'UTC')::date AS day, count(*) AS statements, count(DISTINCT user_id) AS learners
            FROM analysis.user_activities
            WHERE "timestamp" >= (SELECT max("timestamp") FROM analysis.user_activities) - make_interval(days => $1::int)
            GROUP BY 1
            ORDER BY 1
            """, [new("days", "Days back from the latest statement", "30")]),
        new("most-answered-cards", "basic", "Most answered cards", "Cards by answers, with their type, mean scaled score and correct rate.",
            """
            SELECT q.question_text, q.question_type, count(*) AS answers, round(avg(r.score_scaled)::numeric, 3) AS mean_score,
                   round(count(*) FILTER (WHERE r.is_correct)::numeric / nullif(count(r.is_correct), 0), 4) AS correct_rate
            FROM analysis.user_responses r JOIN analysis.questions q USING (question_id)
            GROUP BY q.question_id, q.question_text, q.question_type
            ORDER BY answers DESC
            LIMIT $1
            """, [Rows("cards", 10)]),
        new("common-answers", "basic", "Common answers", "The answers given most often, and by how many learners.",
            """
            SELECT response_text, count(*) AS answers, count(DISTINCT user_id) AS learners
            FROM analysis.user_responses
            WHERE response_text IS NOT NULL
            GROUP BY response_text
            ORDER BY answers DESC
            LIMIT $1
            """, [Rows("answers", 15)]),
        new("cohorts", "basic", "Cohorts", "Learners by cohort (the week of their first statement), with their statements, answers and lessons started.",
            $"""
            SELECT {Cohort} AS cohort, count(*) AS learners,
                   coalesce(sum(t.statements), 0) AS statements, coalesce(sum(t.responses), 0) AS answers,
                   round(avg(coalesce(t.lessons_started, 0)), 1) AS lessons_per_learner
            FROM analysis.users u LEFT JOIN analysis.learner_totals t USING (user_id)
            GROUP BY 1
            ORDER BY 1
            """, []),
        new("lesson-progression", "basic", "Learning progression", "Per lesson: learners who reached it, mean statements and mean hours between their first and last statement in it.",
            $"""
            WITH progress AS (
                SELECT user_id, lesson_url, count(*) AS statements, extract(epoch FROM max("timestamp") - min("timestamp")) / 3600 AS hours
                FROM analysis.user_activities WHERE lesson_url IS NOT NULL
                GROUP BY user_id, lesson_url)
            SELECT l.lesson_number, l.lesson_name, count(*) AS learners, round(avg(p.statements), 1) AS mean_statements, round(avg(p.hours)::numeric, 2) AS mean_hours
            FROM progress p JOIN analysis.lessons l USING (lesson_url)
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY {CourseOrder}
            """, []),
        new("learner-engagement", "basic", "Engagement by learner", "Each learner's statements, lessons, answers and mean scaled score, and their engagement: high (over 50 statements), medium (over 20), low.",
            """
            WITH scores AS (SELECT user_id, avg(score_scaled) AS mean_score FROM analysis.user_responses GROUP BY user_id)
            SELECT u.user_id, u.display_name, coalesce(t.statements, 0) AS statements, coalesce(t.lessons_started, 0) AS lessons,
                   coalesce(t.responses, 0) AS answers, round(s.mean_score::numeric, 3) AS mean_score,
                   CASE WHEN t.statements > 50 THEN 'high' WHEN t.statements > 20 THEN 'medium' ELSE 'low' END AS engagement
            FROM analysis.users u LEFT JOIN analysis.learner_totals t USING (user_id) LEFT JOIN scores s USING (user_id)
            ORDER BY statements DESC, u.user_id
            """, []),
        new("key-metrics", "basic", "Key metrics", "Learners, statements, answers, lessons with activity and the mean scaled score.",
            """
            SELECT (SELECT count(*) FROM analysis.users) AS learners,
                   (SELECT count(*) FROM analysis.user_activities) AS statements,
                   (SELECT count(*) FROM analysis.user_responses) AS answers,
                   (SELECT count(DISTINCT lesson_url) FROM analysis.user_activities) AS lessons_with_activity,
                   (SELECT round(avg(score_scaled)::numeric, 3) FROM analysis.user_responses) AS mean_score
            """, []),
        new("recent-activity", "basic", "Recent activity", "The latest statements with learner, verb and lesson.",
            """
            SELECT a."timestamp", a.user_id, a.verb, l.lesson_name
            FROM analysis.user_activities a LEFT JOIN analysis.lessons l USING (lesson_url)
            ORDER BY a."timestamp" DESC
            LIMIT $1
            """, [Rows("statements", 20)]),
        new("activity-types", "basic", "Activity types", "Statements per verb, and how many learners used it.",
            """
            SELECT verb, count(*) AS statements, count(DISTINCT user_id) AS learners
            FROM analysis.user_activities
            GROUP BY verb
            ORDER BY statements DESC
            """, []),
        new("lesson-overview", "basic", "Lesson overview", "Every lesson of the catalogue with its learners, statements and answers (zero for a lesson nobody reached).",
            $"""
            WITH acts AS (
                SELECT lesson_url, count(DISTINCT user_id) AS learners, count(*) AS statements
                FROM analysis.user_activities WHERE lesson_url IS NOT NULL GROUP BY lesson_url),
            answers AS (
                SELECT lesson_url, count(*) AS answers FROM analysis.user_responses WHERE lesson_url IS NOT NULL GROUP BY lesson_url)
            SELECT l.lesson_number, l.lesson_name, coalesce(a.learners, 0) AS learners, coalesce(a.statements, 0) AS statements, coalesce(n.answers, 0) AS answers
            FROM analysis.lessons l LEFT JOIN acts a USING (lesson_url) LEFT JOIN answers n USING (lesson_url)
            ORDER BY {CourseOrder}
            """, []),
        new("score-bands", "basic", "Score bands", "Scored answers by band of the scaled score.",
            """
            SELECT CASE WHEN score_scaled >= 0.8 THEN '80-100%' WHEN score_scaled >= 0.6 THEN '60-79%'
                        WHEN score_scaled >= 0.4 THEN '40-59%' WHEN score_scaled >= 0.2 THEN '20-39%' ELSE 'under 20%' END AS band,
                   count(*) AS answers, count(DISTINCT user_id) AS learners
            FROM analysis.user_responses
            WHERE score_scaled IS NOT NULL
            GROUP BY 1
            ORDER BY min(score_scaled) DESC
            """, []),
        new("table-row-counts", "basic", "Table row counts", "Rows in each table of the analysis schema.",
            """
            SELECT 'users' AS table_name, count(*) AS row_count FROM analysis.users
            UNION ALL SELECT 'lessons', count(*) FROM analysis.lessons
            UNION ALL SELECT 'questions', count(*) FROM analysis.questions
            UNION ALL SELECT 'user_activities', count(*) FROM analysis.user_activities
            UNION ALL SELECT 'user_responses', count(*) FROM analysis.user_responses
            ORDER BY row_count DESC
            """, []),

        // advanced: the seed's second library.
        new("lesson-funnel", "advanced", "Lesson completion funnel", "Per lesson in course order: learners who started and completed it, the completion rate, and the share of all learners who reached it.",
            $"""
            SELECT l.lesson_number, l.lesson_name, count(DISTINCT a.user_id) AS started,
                   count(DISTINCT a.user_id) FILTER (WHERE {Completed}) AS completed,
                   round(count(DISTINCT a.user_id) FILTER (WHERE {Completed})::numeric / nullif(count(DISTINCT a.user_id), 0), 4) AS completion_rate,
                   round(count(DISTINCT a.user_id)::numeric / nullif((SELECT count(*) FROM analysis.users), 0), 4) AS reach
            FROM analysis.lessons l JOIN analysis.user_activities a USING (lesson_url)
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY {CourseOrder}
            """, []),
        new("engagement-levels", "advanced", "Engagement levels", "Learners by statements: high (50 or more), medium (20 or more), low (5 or more), barely active; with their mean statements and lessons.",
            """
            SELECT CASE WHEN statements >= 50 THEN 'high' WHEN statements >= 20 THEN 'medium' WHEN statements >= 5 THEN 'low' ELSE 'barely active' END AS engagement,
                   count(*) AS learners, round(avg(statements), 1) AS mean_statements, round(avg(lessons_started), 1) AS mean_lessons
            FROM analysis.learner_totals
            GROUP BY 1
            ORDER BY min(statements) DESC
            """, []),
        new("verb-share", "advanced", "Activity type distribution", "Statements per verb with their learners and their share of all statements.",
            """
            SELECT verb, count(*) AS statements, count(DISTINCT user_id) AS learners,
                   round(count(*)::numeric / sum(count(*)) OVER (), 4) AS share
            FROM analysis.user_activities
            GROUP BY verb
            ORDER BY statements DESC
            """, []),
        new("card-responses", "advanced", "Card response analysis", "Cards by answers, with their lesson, the learners who answered, the mean scaled score and the share of all learners who answered.",
            """
            SELECT q.question_text, q.question_type, l.lesson_name, count(*) AS answers, count(DISTINCT r.user_id) AS learners,
                   round(avg(r.score_scaled)::numeric, 3) AS mean_score,
                   round(count(DISTINCT r.user_id)::numeric / nullif((SELECT count(*) FROM analysis.users), 0), 4) AS answered_by
            FROM analysis.user_responses r JOIN analysis.questions q USING (question_id) LEFT JOIN analysis.lessons l ON l.lesson_url = q.lesson_url
            GROUP BY q.question_id, q.question_text, q.question_type, l.lesson_name
            ORDER BY answers DESC
            LIMIT $1
            """, [Rows("cards", 15)]),
        new("progression-timeline", "advanced", "Learning progression timeline", "Per lesson in course order: learners who reached it, and per learner the mean statements, answers and hours from first to last statement in it.",
            $"""
            WITH progress AS (
                SELECT user_id, lesson_url, count(*) AS statements, extract(epoch FROM max("timestamp") - min("timestamp")) / 3600 AS hours
                FROM analysis.user_activities WHERE lesson_url IS NOT NULL
                GROUP BY user_id, lesson_url),
            answers AS (
                SELECT user_id, lesson_url, count(*) AS answers FROM analysis.user_responses WHERE lesson_url IS NOT NULL GROUP BY user_id, lesson_url)
            SELECT l.lesson_number, l.lesson_name, count(*) AS learners, round(avg(p.statements), 1) AS mean_statements,
                   round(avg(coalesce(n.answers, 0)), 1) AS mean_answers, round(avg(p.hours)::numeric, 2) AS mean_hours
            FROM progress p JOIN analysis.lessons l USING (lesson_url) LEFT JOIN answers n USING (user_id, lesson_url)
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY {CourseOrder}
            """, []),
        new("score-quality", "advanced", "Answer quality", "Scored answers by band of the scaled score, with the learners in each band and its share of all scored answers.",
            """
            SELECT CASE WHEN score_scaled >= 0.8 THEN '80-100%' WHEN score_scaled >= 0.6 THEN '60-79%'
                        WHEN score_scaled >= 0.4 THEN '40-59%' WHEN score_scaled >= 0.2 THEN '20-39%' ELSE 'under 20%' END AS band,
                   count(*) AS answers, count(DISTINCT user_id) AS learners, round(count(*)::numeric / sum(count(*)) OVER (), 4) AS share
            FROM analysis.user_responses
            WHERE score_scaled IS NOT NULL
            GROUP BY 1
            ORDER BY min(score_scaled)
            """, []),
        new("daily-engagement", "advanced", "Daily engagement trend", "Per UTC day over the last days of the data: statements, active learners, lessons touched and the share of all learners who were active.",
            """
            SELECT ("timestamp" AT TIME ZONE 'UTC')::date AS day, count(*) AS statements, count(DISTINCT user_id) AS learners,
                   count(DISTINCT lesson_url) AS lessons,
                   round(count(DISTINCT user_id)::numeric / nullif((SELECT count(*) FROM analysis.users), 0), 4) AS share_of_learners
            FROM analysis.user_activities
            WHERE "timestamp" >= (SELECT max("timestamp") FROM analysis.user_activities) - make_interval(days => $1::int)
            GROUP BY 1
            ORDER BY 1
            """, [new("days", "Days back from the latest statement", "30")]),
        new("retention", "advanced", "Retention by active days", "Learners by how many UTC days they were active, with their share, mean active days and mean days from first to last statement.",
            """
            WITH days AS (
                SELECT user_id, count(DISTINCT ("timestamp" AT TIME ZONE 'UTC')::date) AS active_days,
                       extract(epoch FROM max("timestamp") - min("timestamp")) / 86400 AS span_days
                FROM analysis.user_activities
                GROUP BY user_id)
            SELECT CASE WHEN active_days >= 7 THEN '7 days or more' WHEN active_days >= 5 THEN '5-6 days' WHEN active_days >= 3 THEN '3-4 days'
                        WHEN active_days = 2 THEN '2 days' ELSE '1 day' END AS active,
                   count(*) AS learners, round(count(*)::numeric / sum(count(*)) OVER (), 4) AS share,
                   round(avg(active_days), 1) AS mean_active_days, round(avg(span_days)::numeric, 1) AS mean_span_days
            FROM days
            GROUP BY 1
            ORDER BY min(active_days) DESC
            """, []),
        new("card-types", "advanced", "Engagement by card type", "Answers per card type (quiz, poll, form, ...): learners, mean scaled score, mean seconds and share of all answers.",
            """
            SELECT coalesce(q.question_type, '(card not in the catalogue)') AS card_type, count(*) AS answers, count(DISTINCT r.user_id) AS learners,
                   round(avg(r.score_scaled)::numeric, 3) AS mean_score, round(avg(r.duration_seconds)::numeric, 1) AS mean_seconds,
                   round(count(*)::numeric / sum(count(*)) OVER (), 4) AS share
            FROM analysis.user_responses r LEFT JOIN analysis.questions q USING (question_id)
            GROUP BY 1
            ORDER BY answers DESC
            """, []),
        new("top-learners", "advanced", "Top performing learners", "Learners with at least a number of statements, by statements then mean scaled score: lessons, answers, first and last activity, days between.",
            """
            WITH acts AS (
                SELECT user_id, count(*) AS statements, count(DISTINCT lesson_url) AS lessons, min("timestamp") AS first_activity, max("timestamp") AS last_activity
                FROM analysis.user_activities GROUP BY user_id),
            answers AS (
                SELECT user_id, count(*) AS answers, avg(score_scaled) AS mean_score FROM analysis.user_responses GROUP BY user_id)
            SELECT a.user_id, u.display_name, a.statements, a.lessons, coalesce(n.answers, 0) AS answers, round(n.mean_score::numeric, 3) AS mean_score,
                   a.first_activity, a.last_activity, floor(extract(epoch FROM a.last_activity - a.first_activity) / 86400)::int AS days_between
            FROM acts a JOIN analysis.users u USING (user_id) LEFT JOIN answers n USING (user_id)
            WHERE a.statements >= $1
            ORDER BY a.statements DESC, n.mean_score DESC NULLS LAST, a.user_id
            LIMIT $2
            """, [new("min_statements", "At least this many statements", "10"), Rows("learners", 20)]),
        new("lesson-dropoff", "advanced", "Lesson drop-off", "Per lesson in course order: learners who reached it, whose furthest lesson it is, who started the course with it, its share of all learners, and mean statements per learner.",
            $"""
            WITH course AS (
                SELECT l.lesson_url, l.lesson_number, l.lesson_name, row_number() OVER (ORDER BY {CourseOrder}, l.lesson_url) AS place
                FROM analysis.lessons l),
            pairs AS (
                SELECT a.user_id, c.place, count(*) AS statements
                FROM analysis.user_activities a JOIN course c USING (lesson_url)
                GROUP BY a.user_id, c.place),
            ends AS (SELECT user_id, min(place) AS first_place, max(place) AS last_place FROM pairs GROUP BY user_id)
            SELECT c.lesson_number, c.lesson_name, count(*) AS reached,
                   count(*) FILTER (WHERE e.last_place = c.place) AS stopped_here,
                   count(*) FILTER (WHERE e.first_place = c.place) AS started_here,
                   round(count(*)::numeric / nullif((SELECT count(*) FROM analysis.users), 0), 4) AS reach,
                   round(avg(p.statements), 1) AS mean_statements
            FROM pairs p JOIN course c USING (place) JOIN ends e USING (user_id)
            GROUP BY c.place, c.lesson_number, c.lesson_name
            ORDER BY c.place
            """, []),
        new("response-times", "advanced", "Answer times", "Seconds learners took to answer, per card type and lesson: mean, median, shortest and longest (answers that report a duration).",
            """
            SELECT q.question_type, l.lesson_name, count(*) AS answers, round(avg(r.duration_seconds)::numeric, 1) AS mean_seconds,
                   round((percentile_cont(0.5) WITHIN GROUP (ORDER BY r.duration_seconds))::numeric, 1) AS median_seconds,
                   min(r.duration_seconds) AS min_seconds, max(r.duration_seconds) AS max_seconds
            FROM analysis.user_responses r JOIN analysis.questions q USING (question_id) LEFT JOIN analysis.lessons l ON l.lesson_url = r.lesson_url
            WHERE r.duration_seconds > 0
            GROUP BY q.question_type, l.lesson_url, l.lesson_name
            ORDER BY mean_seconds DESC
            """, []),
        new("cohort-comparison", "advanced", "Cohort comparison", "Cohorts side by side: learners, statements, lessons touched, answers, mean scaled score, and statements and lessons started per learner.",
            $"""
            WITH members AS (SELECT u.user_id, {Cohort} AS cohort FROM analysis.users u),
            acts AS (
                SELECT m.cohort, count(*) AS statements, count(DISTINCT a.lesson_url) AS lessons
                FROM analysis.user_activities a JOIN members m USING (user_id) GROUP BY m.cohort),
            answers AS (
                SELECT m.cohort, count(*) AS answers, avg(r.score_scaled) AS mean_score
                FROM analysis.user_responses r JOIN members m USING (user_id) GROUP BY m.cohort),
            sizes AS (
                SELECT m.cohort, count(*) AS learners, avg(coalesce(t.lessons_started, 0)) AS lessons_per_learner
                FROM members m LEFT JOIN analysis.learner_totals t USING (user_id) GROUP BY m.cohort)
            SELECT s.cohort, s.learners, coalesce(a.statements, 0) AS statements, coalesce(a.lessons, 0) AS lessons_touched,
                   coalesce(n.answers, 0) AS answers, round(n.mean_score::numeric, 3) AS mean_score,
                   round(coalesce(a.statements, 0)::numeric / s.learners, 1) AS statements_per_learner, round(s.lessons_per_learner, 1) AS lessons_per_learner
            FROM sizes s LEFT JOIN acts a USING (cohort) LEFT JOIN answers n USING (cohort)
            ORDER BY s.learners DESC, s.cohort
            """, []),
        new("weekday-patterns", "advanced", "Weekday patterns", "Statements, active learners and lessons touched per day of the week (UTC), with the day's share of all statements.",
            """
            SELECT extract(isodow FROM "timestamp" AT TIME ZONE 'UTC')::int AS weekday, to_char("timestamp" AT TIME ZONE 'UTC', 'FMDay') AS day,
                   count(*) AS statements, count(DISTINCT user_id) AS learners, count(DISTINCT lesson_url) AS lessons,
                   round(count(*)::numeric / sum(count(*)) OVER (), 4) AS share
            FROM analysis.user_activities
            GROUP BY 1, 2
            ORDER BY 1
            """, []),
        new("summary-metrics", "advanced", "Summary metrics", "Learners, statements, answers, lessons (with activity and in the catalogue), mean scaled score, learners active in the last 7 and 30 days, and the 7-day share of all learners.",
            """
            WITH active AS (
                SELECT count(DISTINCT user_id) FILTER (WHERE "timestamp" >= now() - interval '7 days') AS active_7_days,
                       count(DISTINCT user_id) FILTER (WHERE "timestamp" >= now() - interval '30 days') AS active_30_days
                FROM analysis.user_activities WHERE "timestamp" >= now() - interval '30 days'),
            totals AS (
                SELECT (SELECT count(*) FROM analysis.users) AS learners,
                       (SELECT count(*) FROM analysis.user_activities) AS statements,
                       (SELECT count(*) FROM analysis.user_responses) AS answers,
                       (SELECT count(DISTINCT lesson_url) FROM analysis.user_activities) AS lessons_with_activity,
                       (SELECT count(*) FROM analysis.lessons) AS lessons,
                       (SELECT round(avg(score_scaled)::numeric, 3) FROM analysis.user_responses) AS mean_score)
            SELECT t.*, a.active_7_days, a.active_30_days, round(a.active_7_days::numeric / nullif(t.learners, 0), 4) AS active_7_days_share
            FROM totals t CROSS JOIN active a
            """, []),
        new("sentiment-by-lesson", "advanced", "Sentiment by lesson", "Mean sentiment of the free-text answers of each lesson.",
            """
            SELECT l.lesson_number, l.lesson_name, count(*) AS answers, round(avg(r.sentiment)::numeric, 3) AS mean_sentiment
            FROM analysis.user_responses r JOIN analysis.lessons l USING (lesson_url)
            WHERE r.sentiment IS NOT NULL
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY mean_sentiment
            """, []),

        // keyword: the seed's keyword library, whose queries were written twice, once for "stress" and once for "sleep".
        new("answers-mentioning", "keyword", "Answers mentioning a keyword", "Answers that match the words (English stemming: stress finds stressed), newest first, with the learner, lesson and card.",
            """
            SELECT r."timestamp", r.user_id, l.lesson_name, q.question_text, r.response_text
            FROM analysis.user_responses r LEFT JOIN analysis.lessons l ON l.lesson_url = r.lesson_url LEFT JOIN analysis.questions q ON q.question_id = r.question_id
            WHERE r.response_search @@ websearch_to_tsquery('english', $1)
            ORDER BY r."timestamp" DESC
            """, [Keyword]),
        new("keyword-by-lesson", "keyword", "A keyword by lesson", "Per lesson in course order: answers matching the words, the learners who wrote them, and their share of the lesson's answers.",
            $"""
            SELECT l.lesson_number, l.lesson_name,
                   count(*) FILTER (WHERE r.response_search @@ websearch_to_tsquery('english', $1)) AS matching,
                   count(DISTINCT r.user_id) FILTER (WHERE r.response_search @@ websearch_to_tsquery('english', $1)) AS learners,
                   count(*) AS answers,
                   round(count(*) FILTER (WHERE r.response_search @@ websearch_to_tsquery('english', $1))::numeric / count(*), 4) AS share
            FROM analysis.user_responses r JOIN analysis.lessons l USING (lesson_url)
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY {CourseOrder}
            """, [Keyword]),
        new("keyword-phrases", "keyword", "Phrases with a keyword", "What is said about a word: the two-word phrases around it (\"work stress\", \"stress levels\") in the answers that match it, by how often.",
            """
            WITH word AS (SELECT regexp_replace(lower($1), '[^[:alnum:]]+', '', 'g') AS w),
            matching AS (
                SELECT r.user_id, lower(r.response_text) AS text
                FROM analysis.user_responses r
                WHERE r.response_search @@ websearch_to_tsquery('english', $1))
            SELECT p.found[1] AS phrase, count(*) AS mentions, count(DISTINCT m.user_id) AS learners
            FROM matching m CROSS JOIN word
            CROSS JOIN LATERAL regexp_matches(m.text, '([[:alnum:]]+\s+' || word.w || '[[:alnum:]]*|' || word.w || '[[:alnum:]]*\s+[[:alnum:]]+)', 'g') AS p(found)
            GROUP BY 1
            ORDER BY mentions DESC, phrase
            LIMIT $2
            """, [Keyword, Rows("phrases", 20)]),
        new("compare-keywords", "keyword", "Two keywords compared", "How many answers, and from how many learners, match each of two words.",
            """
            SELECT k.keyword, count(r.statement_id) AS answers, count(DISTINCT r.user_id) AS learners
            FROM (VALUES (1, $1::text), (2, $2::text)) AS k(n, keyword)
            LEFT JOIN analysis.user_responses r ON r.response_search @@ websearch_to_tsquery('english', k.keyword)
            GROUP BY k.n, k.keyword
            ORDER BY answers DESC, k.n
            """, [Keyword, new("other", "The word to compare it with", "sleep")]),
        new("recent-mentions", "keyword", "Recent answers mentioning a keyword", "The latest answers matching the words, shortened to 100 characters, with the learner and lesson.",
            """
            SELECT r."timestamp", r.user_id, l.lesson_name,
                   CASE WHEN length(r.response_text) > 100 THEN left(r.response_text, 100) || '…' ELSE r.response_text END AS answer
            FROM analysis.user_responses r LEFT JOIN analysis.lessons l ON l.lesson_url = r.lesson_url
            WHERE r.response_search @@ websearch_to_tsquery('english', $1)
            ORDER BY r."timestamp" DESC
            LIMIT $2
            """, [Keyword, Rows("answers", 20)]),
        new("learners-mentioning", "keyword", "Learners mentioning a keyword", "Learners whose answers match the words, with how many of their answers do.",
            """
            SELECT r.user_id, count(*) AS matching_answers, min(r."timestamp") AS first_mention
            FROM analysis.user_responses r
            WHERE r.response_search @@ websearch_to_tsquery('english', $1)
            GROUP BY r.user_id
            ORDER BY matching_answers DESC
            """, [Keyword]),
    ];
}
