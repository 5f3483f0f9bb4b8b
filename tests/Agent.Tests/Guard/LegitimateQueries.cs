namespace Agent.Tests.Guard;

/// <summary>Analytics SQL the guard must run: window functions, ordered-set aggregates, FILTER, LATERAL, CTEs, full text, JSON, casts.</summary>
public static class LegitimateQueries
{
    public static IReadOnlyList<string> All { get; } =
    [
        "SELECT count(*) FROM analysis.users",
        "SELECT 1;",
        "-- learners per lesson\nSELECT lesson_url, count(*) FROM analysis.learner_lessons GROUP BY lesson_url",
        "/* started and completed */ SELECT lesson_url, count(*) AS started, count(*) FILTER (WHERE completions > 0) AS completed FROM learner_lessons GROUP BY 1 ORDER BY 1",
        "SELECT user_id, lesson_url, row_number() OVER (PARTITION BY user_id ORDER BY first_at) AS step, lag(lesson_url) OVER w AS previous FROM analysis.learner_lessons WINDOW w AS (PARTITION BY user_id ORDER BY first_at)",
        "SELECT lesson_url, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_completed_at - first_at)) / 60 AS median_minutes FROM analysis.learner_lessons WHERE first_completed_at IS NOT NULL GROUP BY lesson_url",
        "SELECT percentile_disc(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY statements) FROM analysis.learner_totals",
        "SELECT l.lesson_name, last.timestamp FROM analysis.lessons l CROSS JOIN LATERAL (SELECT a.timestamp FROM analysis.user_activities a WHERE a.lesson_url = l.lesson_url ORDER BY a.timestamp DESC LIMIT 1) last",
        "SELECT l.lesson_number, q.n FROM analysis.lessons l LEFT JOIN LATERAL (SELECT count(*) AS n FROM analysis.questions q WHERE q.lesson_url = l.lesson_url) q ON true ORDER BY l.lesson_number",
        "WITH per_day AS (SELECT date_trunc('day', timestamp) AS day, count(DISTINCT user_id) AS learners FROM analysis.user_activities GROUP BY 1) SELECT day, learners, avg(learners) OVER (ORDER BY day ROWS 6 PRECEDING) FROM per_day ORDER BY day",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT sum(i) FROM n",
        "SELECT lesson_url, user_id, grouping(lesson_url, user_id), count(*) FROM analysis.learner_lessons GROUP BY GROUPING SETS ((lesson_url), (user_id), ()) ORDER BY 3, 1 NULLS LAST",
        "SELECT to_char(day, 'YYYY-MM'), sum(answers) FROM analysis.question_answer_counts WHERE day >= now()::date - interval '3650 days' GROUP BY 1",
        "SELECT user_id, coalesce(display_name, email, 'anonymous'), nullif(email, ''), greatest(first_seen, last_seen) FROM analysis.users ORDER BY user_id LIMIT 5",
        "SELECT DISTINCT ON (user_id) user_id, lesson_url, last_at FROM analysis.learner_lessons ORDER BY user_id, last_at DESC",
        "SELECT question_type, array_agg(DISTINCT question_id ORDER BY question_id), string_agg(DISTINCT lesson_url, ', ') FROM analysis.questions GROUP BY 1",
        "SELECT question_id, response_text, ts_rank_cd(response_search, q) FROM analysis.user_responses, plainto_tsquery('english', 'sleep') q WHERE response_search @@ q ORDER BY 3 DESC LIMIT 10",
        "SELECT question_id, jsonb_array_length(choices) FROM analysis.questions WHERE jsonb_typeof(choices) = 'array'",
        "SELECT user_id::varchar(40), round(avg(sentiment)::numeric, 3)::numeric(6,3), CASE WHEN avg(sentiment) < -0.05 THEN 'negative' WHEN avg(sentiment) > 0.05 THEN 'positive' ELSE 'neutral' END FROM analysis.user_responses WHERE sentiment IS NOT NULL GROUP BY 1",
        "SELECT lesson_url FROM analysis.learner_lessons EXCEPT SELECT lesson_url FROM analysis.lessons",
        "SELECT lesson_url FROM analysis.lessons UNION SELECT lesson_url FROM analysis.questions",
        "VALUES (1, 'one'), (2, 'two')",
        "SELECT d::date AS day, count(a.statement_id) FROM generate_series(now() - interval '30 days', now(), interval '1 day') d LEFT JOIN analysis.user_activities a ON a.timestamp >= d AND a.timestamp < d + interval '1 day' GROUP BY 1 ORDER BY 1",
        "SELECT response_text FROM analysis.user_responses WHERE response_text ILIKE '%sleep%' OR response_text ~* 'rest(ed)?' LIMIT 20",
        "SELECT lower(lesson_name), length(lesson_name), substring(lesson_name from 1 for 5), trim(lesson_name), position('a' in lesson_name) FROM analysis.lessons",
        "SELECT user_id, extract(epoch FROM (last_at - first_at)) / 3600 AS hours, age(last_at, first_at) FROM analysis.learner_totals ORDER BY hours DESC NULLS LAST LIMIT 10",
        "SELECT width_bucket(statements, 0, 200, 10) AS bucket, count(*) FROM analysis.learner_totals GROUP BY 1 ORDER BY 1",
        "SELECT corr(statements, responses), stddev_samp(statements), regr_slope(responses, statements) FROM analysis.learner_totals",
        "SELECT l.lesson_number, count(*) FILTER (WHERE ll.completions > 0)::float8 / nullif(count(*), 0) AS completion_rate FROM analysis.learner_lessons ll JOIN analysis.lessons l USING (lesson_url) GROUP BY 1 ORDER BY 1",
        "SELECT CURRENT_DATE, CURRENT_TIMESTAMP, now() - interval '7 days' AS week_ago",
        "SELECT * FROM analysis.users WHERE user_id = 'x'' ; DROP TABLE analysis.users; --'",
        "SELECT unnest(ARRAY[1, 2, 3]) AS n",
        "SELECT x FROM (SELECT 1 AS x) s WHERE x IN (1, 2, 3) AND EXISTS (SELECT 1 FROM analysis.lessons)",
    ];
}
