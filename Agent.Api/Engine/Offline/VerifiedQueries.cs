namespace Agent.Api.Engine.Offline;

/// <summary>A reviewed query with its positional parameters, ready for the guard.</summary>
public sealed record VerifiedQuery(string Name, string Sql, IReadOnlyList<object?> Parameters);

/// <summary>
/// The verified queries: one SQL shape per measure, assembled only from the fixed fragments below and positional
/// parameters ($1...), so nothing a learner or course owner types becomes SQL text. They read the facts
/// (<c>user_activities</c>, <c>user_responses</c>) so every filter is exact for any period; the definitions are
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

    public static VerifiedQuery For(Intent intent)
    {
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

        if (LessonColumns.TryGetValue(intent.Measure, out var lesson))
        {
            var order = intent.Top is not null ? $"{lesson.RankBy} {(intent.Ascending ? "ASC" : "DESC")} NULLS LAST, lesson" : "lesson";
            // Drop-off is where each learner's furthest lesson is, so it needs every lesson; the lesson filter applies after.
            return new("lesson_stats", $"""
                WITH {CourseCatalog.CourseCte},
                pairs AS (
                    SELECT a.user_id, a.lesson_url, min(a."timestamp") AS first_at, min(a."timestamp") FILTER (WHERE {IsCompletion}) AS completed_at
                    FROM analysis.user_activities a
                    WHERE a.lesson_url IS NOT NULL {activityFilter}
                    GROUP BY a.user_id, a.lesson_url),
                furthest AS (
                    SELECT max(c.lesson) AS lesson FROM pairs p JOIN course c USING (lesson_url) GROUP BY p.user_id),
                stopped AS (SELECT lesson, count(*) AS learners FROM furthest GROUP BY lesson),
                answers AS (
                    SELECT r.lesson_url, count(*) AS answers FROM analysis.user_responses r
                    WHERE r.lesson_url IS NOT NULL {responseFilter} GROUP BY r.lesson_url),
                stats AS (
                    SELECT c.lesson, c.lesson_name, count(*) AS started, count(*) AS reached, count(p.completed_at) AS completed,
                           round(count(p.completed_at)::numeric / count(*), 4) AS completion_rate,
                           round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.completed_at - p.first_at))
                                  FILTER (WHERE p.completed_at IS NOT NULL) / 60)::numeric, 1) AS median_minutes_to_complete,
                           coalesce(max(s.learners), 0) AS stopped_here, coalesce(max(n.answers), 0) AS answers
                    FROM pairs p JOIN course c USING (lesson_url)
                    LEFT JOIN stopped s ON s.lesson = c.lesson LEFT JOIN answers n ON n.lesson_url = c.lesson_url
                    GROUP BY c.lesson, c.lesson_name)
                SELECT lesson, lesson_name, {lesson.Columns}
                FROM stats
                WHERE true {LessonFilter("lesson")}
                ORDER BY {order}
                {Limit()}
                """, parameters);
        }

        return intent.Measure switch
        {
            Measure.Overview or Measure.Learners or Measure.Statements or Measure.LessonCount or Measure.Answers or Measure.FreeTextAnswers
                => Overview(intent, activityFilter, responseFilter, LessonFilter("c.lesson"), parameters),
            Measure.CompletionRate => Overview(intent, activityFilter, responseFilter, LessonFilter("c.lesson"), parameters),
            Measure.Engagement => new("engagement", $"""
                WITH {CourseCatalog.CourseCte}
                SELECT {(intent.Interval is "day" ? "date_trunc('day', a.\"timestamp\" AT TIME ZONE 'UTC')::date AS day, " : intent.Interval is "week" || intent.Range is null ? "date_trunc('week', a.\"timestamp\" AT TIME ZONE 'UTC')::date AS week, " : "")}count(DISTINCT a.user_id) AS active_learners, count(*) AS statements
                FROM analysis.user_activities a LEFT JOIN course c ON c.lesson_url = a.lesson_url
                WHERE true {activityFilter} {LessonFilter("c.lesson")}
                {(intent.Interval is not null || intent.Range is null ? "GROUP BY 1 ORDER BY 1" : "")}
                """, parameters),
            Measure.QuestionAnswers => new("question_answers", $"""
                WITH {CourseCatalog.CourseCte},
                answers AS (
                    SELECT r.question_id, count(*) AS answers, count(*) FILTER (WHERE r.is_correct) AS correct,
                           count(r.is_correct) AS judged
                    FROM analysis.user_responses r WHERE true {responseFilter} GROUP BY r.question_id)
                SELECT c.lesson, q.question_id, q.question_type, q.question_text, coalesce(n.answers, 0) AS answers,
                       CASE WHEN q.question_type = 'quiz' THEN n.correct END AS correct,
                       CASE WHEN q.question_type = 'quiz' THEN round(n.correct::numeric / nullif(n.judged, 0), 4) END AS correct_rate
                FROM analysis.questions q JOIN course c USING (lesson_url) LEFT JOIN answers n USING (question_id)
                WHERE true {LessonFilter("c.lesson")}
                ORDER BY {(intent.Top is not null ? $"answers {(intent.Ascending ? "ASC" : "DESC")}, " : "")}c.lesson, q.first_seen, q.question_id
                {Limit()}
                """, parameters),
            Measure.Search => Search(intent, responseFilter, LessonFilter("c.lesson"), P, parameters),
            Measure.AtRisk => new("at_risk_learners", $"""
                WITH {CourseCatalog.CourseCte},
                as_of AS (SELECT max("timestamp") AS t FROM analysis.user_activities),
                per_learner AS (
                    SELECT a.user_id, count(DISTINCT a.lesson_url) AS lessons_started,
                           count(DISTINCT a.lesson_url) FILTER (WHERE {IsCompletion}) AS lessons_completed, max(a."timestamp") AS last_seen
                    FROM analysis.user_activities a WHERE a.lesson_url IS NOT NULL {activityFilter} GROUP BY a.user_id)
                SELECT coalesce(u.display_name, u.user_id) AS learner, p.lessons_started, p.lessons_completed,
                       p.last_seen::date AS last_seen, floor(extract(epoch FROM o.t - p.last_seen) / 86400)::int AS days_inactive
                FROM per_learner p JOIN analysis.users u USING (user_id) CROSS JOIN as_of o
                WHERE p.lessons_completed < (SELECT count(*) FROM course) AND p.last_seen < o.t - interval '7 days'
                ORDER BY days_inactive DESC, p.lessons_completed, learner
                LIMIT {P(intent.Top ?? 50)}
                """, parameters),
            Measure.Sentiment => new("sentiment_by_lesson", $"""
                WITH {CourseCatalog.CourseCte}
                SELECT c.lesson, c.lesson_name, count(*) AS answers, round(avg(r.sentiment)::numeric, 3) AS mean_sentiment,
                       count(*) FILTER (WHERE r.sentiment > 0.05) AS positive, count(*) FILTER (WHERE r.sentiment BETWEEN -0.05 AND 0.05) AS neutral,
                       count(*) FILTER (WHERE r.sentiment < -0.05) AS negative
                FROM analysis.user_responses r JOIN course c ON c.lesson_url = r.lesson_url
                WHERE r.sentiment IS NOT NULL {responseFilter} {LessonFilter("c.lesson")}
                GROUP BY c.lesson, c.lesson_name
                ORDER BY {(intent.Top is not null ? $"mean_sentiment {(intent.Ascending ? "ASC" : "DESC")}, " : "")}c.lesson
                {Limit()}
                """, parameters),
            _ => throw new ArgumentOutOfRangeException(nameof(intent), intent.Measure, "no verified query"),
        };
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
                FROM analysis.user_responses r
                WHERE r.response_search @@ websearch_to_tsquery('english', {words}) {responseFilter})
            SELECT c.lesson, q.question_text, m.response_text, count(*) OVER () AS matching_answers
            FROM matches m LEFT JOIN course c ON c.lesson_url = m.lesson_url LEFT JOIN analysis.questions q ON q.question_id = m.question_id
            WHERE true {lessonFilter}
            ORDER BY m.rank DESC, m.statement_id
            LIMIT {parameter(intent.Top ?? 10)}
            """, parameters);
    }

    private static VerifiedQuery Overview(Intent intent, string activityFilter, string responseFilter, string lessonFilter, List<object?> parameters)
    {
        var columns = intent.Measure switch
        {
            Measure.Learners => "learners",
            Measure.Statements => "statements",
            Measure.LessonCount => "lessons",
            Measure.Answers => "answers",
            Measure.FreeTextAnswers => "free_text_answers",
            Measure.CompletionRate => "started, completed, completion_rate",
            _ => "learners, statements, lessons, answers, completion_rate",
        };
        return new("overview", $"""
            WITH {CourseCatalog.CourseCte},
            acts AS (
                SELECT a.user_id, a.lesson_url, a.activity_type, a.question_id FROM analysis.user_activities a LEFT JOIN course c ON c.lesson_url = a.lesson_url
                WHERE true {activityFilter} {lessonFilter}),
            pairs AS (
                SELECT a.user_id, a.lesson_url, bool_or({IsCompletion}) AS completed FROM acts a WHERE a.lesson_url IS NOT NULL GROUP BY 1, 2),
            responses AS (
                SELECT count(*) AS answers, count(*) FILTER (WHERE q.question_type = 'form') AS free_text_answers
                FROM analysis.user_responses r LEFT JOIN course c ON c.lesson_url = r.lesson_url LEFT JOIN analysis.questions q ON q.question_id = r.question_id
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
            conditions += $" AND {alias}.user_id IN (SELECT user_id FROM analysis.users WHERE date_trunc('week', first_seen AT TIME ZONE 'UTC')::date = {parameter(DateOnly.Parse(cohort))})";
        }
        return conditions;
    }
}
