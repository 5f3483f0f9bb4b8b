namespace Agent.Api.Workbench;

/// <summary>A parameter of a library query: bound as <c>$n</c> (n = its place in the list), typed by where it stands.</summary>
public sealed record LibraryParameter(string Name, string Description, string Default);

/// <param name="Category"><c>basic</c>, <c>advanced</c>, <c>keyword</c> (built in) or <c>shared</c> (an analyst's shared query).</param>
public sealed record LibraryQuery(string Id, string Category, string Name, string Description, string Sql, IReadOnlyList<LibraryParameter> Parameters);

/// <summary>
/// The workbench's built-in queries: the questions the seed's SQLPad library answered (totals, most active learners,
/// completion by lesson, daily activity, most answered cards, common answers, cohorts, progression, engagement,
/// score bands, row counts; keyword searches of the answers), rewritten for the published analysis tables so every
/// one passes the guard (a test runs them all).
/// </summary>
public static class QueryLibrary
{
    private const string Completed = "a.activity_type = 'http://adlnet.gov/expapi/verbs/completed' AND a.question_id IS NULL";

    private static readonly LibraryParameter Keyword = new("keyword", "Words to look for (web search syntax: sleep, \"screen time\", phone -notifications)", "sleep");

    public static IReadOnlyList<LibraryQuery> All { get; } =
    [
        new("total-learners", "basic", "Total learners", "Learners with at least one statement.",
            "SELECT count(*) AS learners FROM analysis.users", []),
        new("table-row-counts", "basic", "Table row counts", "Rows in each table of the analysis schema.",
            """
            SELECT 'users' AS table_name, count(*) AS row_count FROM analysis.users
            UNION ALL SELECT 'lessons', count(*) FROM analysis.lessons
            UNION ALL SELECT 'questions', count(*) FROM analysis.questions
            UNION ALL SELECT 'user_activities', count(*) FROM analysis.user_activities
            UNION ALL SELECT 'user_responses', count(*) FROM analysis.user_responses
            ORDER BY row_count DESC
            """, []),
        new("activity-types", "basic", "Activity types", "Statements per verb, and how many learners used it.",
            """
            SELECT verb, count(*) AS statements, count(DISTINCT user_id) AS learners
            FROM analysis.user_activities
            GROUP BY verb
            ORDER BY statements DESC
            """, []),
        new("recent-activity", "basic", "Recent activity", "The latest statements with learner, verb and lesson.",
            """
            SELECT a."timestamp", a.user_id, a.verb, l.lesson_name
            FROM analysis.user_activities a LEFT JOIN analysis.lessons l USING (lesson_url)
            ORDER BY a."timestamp" DESC
            LIMIT $1
            """, [new("rows", "How many statements", "20")]),
        new("daily-activity", "basic", "Daily activity", "Statements and active learners per UTC day, over the last days of the data.",
            """
            SELECT ("timestamp" AT TIME ZONE 'UTC')::date AS day, count(*) AS statements, count(DISTINCT user_id) AS learners
            FROM analysis.user_activities
            WHERE "timestamp" >= (SELECT max("timestamp") FROM analysis.user_activities) - make_interval(days => $1::int)
            GROUP BY 1
            ORDER BY 1
            """, [new("days", "Days back from the latest statement", "30")]),
        new("key-metrics", "basic", "Key metrics", "Learners, statements, responses, lessons with activity and the mean scaled score.",
            """
            SELECT (SELECT count(*) FROM analysis.users) AS learners,
                   (SELECT count(*) FROM analysis.user_activities) AS statements,
                   (SELECT count(*) FROM analysis.user_responses) AS responses,
                   (SELECT count(DISTINCT lesson_url) FROM analysis.user_activities) AS lessons_with_activity,
                   (SELECT round(avg(score_scaled)::numeric, 3) FROM analysis.user_responses) AS mean_scaled_score
            """, []),
        new("most-active-learners", "advanced", "Most active learners", "Learners by statements, with lessons touched and first and last activity.",
            """
            SELECT user_id, count(*) AS statements, count(DISTINCT lesson_url) AS lessons,
                   min("timestamp") AS first_activity, max("timestamp") AS last_activity
            FROM analysis.user_activities
            GROUP BY user_id
            ORDER BY statements DESC
            LIMIT $1
            """, [new("rows", "How many learners", "10")]),
        new("completion-by-lesson", "advanced", "Completion by lesson", "Per lesson: learners who started it, who completed it, and the rate.",
            $"""
            SELECT l.lesson_number, l.lesson_name, count(DISTINCT a.user_id) AS started,
                   count(DISTINCT a.user_id) FILTER (WHERE {Completed}) AS completed,
                   round(count(DISTINCT a.user_id) FILTER (WHERE {Completed})::numeric / nullif(count(DISTINCT a.user_id), 0), 4) AS completion_rate
            FROM analysis.lessons l JOIN analysis.user_activities a USING (lesson_url)
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY CASE WHEN l.lesson_number ~ '^[0-9]+$' THEN l.lesson_number::int END NULLS LAST, l.lesson_name
            """, []),
        new("lesson-progression", "advanced", "Learning progression", "Per lesson: learners who reached it, mean statements and mean hours between their first and last statement in it.",
            """
            WITH progress AS (
                SELECT user_id, lesson_url, count(*) AS statements, extract(epoch FROM max("timestamp") - min("timestamp")) / 3600 AS hours
                FROM analysis.user_activities WHERE lesson_url IS NOT NULL
                GROUP BY user_id, lesson_url)
            SELECT l.lesson_number, l.lesson_name, count(*) AS learners, round(avg(p.statements), 1) AS mean_statements, round(avg(p.hours)::numeric, 2) AS mean_hours
            FROM progress p JOIN analysis.lessons l USING (lesson_url)
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY CASE WHEN l.lesson_number ~ '^[0-9]+$' THEN l.lesson_number::int END NULLS LAST, l.lesson_name
            """, []),
        new("most-answered-cards", "advanced", "Most answered cards", "Cards by answers, with their type and correct rate.",
            """
            SELECT q.question_text, q.question_type, count(*) AS answers,
                   round(count(*) FILTER (WHERE r.is_correct)::numeric / nullif(count(r.is_correct), 0), 4) AS correct_rate
            FROM analysis.user_responses r JOIN analysis.questions q USING (question_id)
            GROUP BY q.question_id, q.question_text, q.question_type
            ORDER BY answers DESC
            LIMIT $1
            """, [new("rows", "How many cards", "10")]),
        new("common-answers", "advanced", "Common answers", "The answers given most often, and by how many learners.",
            """
            SELECT response_text, count(*) AS answers, count(DISTINCT user_id) AS learners
            FROM analysis.user_responses
            WHERE response_text IS NOT NULL
            GROUP BY response_text
            ORDER BY answers DESC
            LIMIT $1
            """, [new("rows", "How many answers", "15")]),
        new("cohorts", "advanced", "Cohorts", "Learners by the ISO week of their first statement, with their statements and answers.",
            """
            SELECT date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date AS cohort, count(*) AS learners,
                   coalesce(sum(t.statements), 0) AS statements, coalesce(sum(t.responses), 0) AS responses
            FROM analysis.users u LEFT JOIN analysis.learner_totals t USING (user_id)
            GROUP BY 1
            ORDER BY 1
            """, []),
        new("engagement-levels", "advanced", "Engagement levels", "Learners by statements: high (over 50), medium (over 20), low.",
            """
            SELECT CASE WHEN statements > 50 THEN 'high' WHEN statements > 20 THEN 'medium' ELSE 'low' END AS engagement,
                   count(*) AS learners
            FROM analysis.learner_totals
            GROUP BY 1
            ORDER BY min(statements) DESC
            """, []),
        new("score-bands", "advanced", "Score bands", "Scored answers by band of the scaled score.",
            """
            SELECT CASE WHEN score_scaled >= 0.8 THEN '80-100%' WHEN score_scaled >= 0.6 THEN '60-79%'
                        WHEN score_scaled >= 0.4 THEN '40-59%' WHEN score_scaled >= 0.2 THEN '20-39%' ELSE 'under 20%' END AS band,
                   count(*) AS answers, count(DISTINCT user_id) AS learners
            FROM analysis.user_responses
            WHERE score_scaled IS NOT NULL
            GROUP BY 1
            ORDER BY min(score_scaled) DESC
            """, []),
        new("sentiment-by-lesson", "advanced", "Sentiment by lesson", "Mean sentiment of the free-text answers of each lesson.",
            """
            SELECT l.lesson_number, l.lesson_name, count(*) AS answers, round(avg(r.sentiment)::numeric, 3) AS mean_sentiment
            FROM analysis.user_responses r JOIN analysis.lessons l USING (lesson_url)
            WHERE r.sentiment IS NOT NULL
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY mean_sentiment
            """, []),
        new("answers-mentioning", "keyword", "Answers mentioning a keyword", "Free-text answers that match the words (English stemming), newest first.",
            """
            SELECT r."timestamp", r.user_id, l.lesson_name, r.response_text
            FROM analysis.user_responses r LEFT JOIN analysis.lessons l USING (lesson_url)
            WHERE r.response_search @@ websearch_to_tsquery('english', $1)
            ORDER BY r."timestamp" DESC
            """, [Keyword]),
        new("keyword-by-lesson", "keyword", "A keyword by lesson", "How many answers of each lesson match the words, and their share of its answers.",
            """
            SELECT l.lesson_number, l.lesson_name, count(*) FILTER (WHERE r.response_search @@ websearch_to_tsquery('english', $1)) AS matching,
                   count(*) AS answers,
                   round(count(*) FILTER (WHERE r.response_search @@ websearch_to_tsquery('english', $1))::numeric / count(*), 4) AS share
            FROM analysis.user_responses r JOIN analysis.lessons l USING (lesson_url)
            GROUP BY l.lesson_url, l.lesson_number, l.lesson_name
            ORDER BY matching DESC
            """, [Keyword]),
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
