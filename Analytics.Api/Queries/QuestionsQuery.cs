using Npgsql;

namespace Analytics.Api.Queries;

public sealed record QuestionSummary(string QuestionId, string? LessonUrl, string QuestionType, string? QuestionText, long Answers, double? CorrectRate);

public sealed record ChoiceCount(string ChoiceId, string? Description, long Count);

public sealed record FreeTextAnswer(string UserId, string Text, DateTimeOffset Timestamp);

/// <summary>Answers to one question: a distribution for choice-like cards (poll, quiz, rate), else the free-text answers.</summary>
public sealed record QuestionAnswers(QuestionSummary Question, IReadOnlyList<ChoiceCount>? Distribution, PagedList<FreeTextAnswer>? FreeText);

public static class QuestionsQuery
{
    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["questionId"] = "question_id",
        ["answers"] = "answers",
        ["lessonUrl"] = "lesson_url",
        ["questionType"] = "question_type",
    };

    private static readonly string[] ChoiceTypes = ["poll", "quiz", "rate"];

    public static async Task<PagedList<QuestionSummary>> RunAsync(AnalysisReader reader, AnalyticsFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = ListSql(command, filter, paging);
        var items = new List<QuestionSummary>();
        long total = 0;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            items.Add(ReadSummary(rows));
            total = rows.GetInt64(6);
        }
        return new PagedList<QuestionSummary>(items, paging.Page, paging.PageSize, total);
    }

    internal static string ListSql(NpgsqlCommand command, AnalyticsFilter filter, Paging paging)
    {
        // The lesson filter selects questions, not answers. Without a cohort and over all time or whole UTC days, the
        // normalizer's counts per question and day answer it. Otherwise answers are counted per question id before the
        // join: grouping the joined rows by the question's text columns costs three times more on a million answers.
        var answered = SourcePlanner.AnswerCounts(filter) == AnalysisSource.QuestionAnswerCounts
            ? $"""
                SELECT question_id, sum(answers) AS answers, sum(correct) AS correct, sum(judged) AS judged
                FROM {AnalysisSchema.QuestionAnswerCounts.Table}
                WHERE {filter.WhereDays("day", command)}
                GROUP BY question_id
                """
            : $"""
                SELECT r.question_id, count(*) AS answers, count(*) FILTER (WHERE r.is_correct) AS correct, count(r.is_correct) AS judged
                FROM {AnalysisSchema.UserResponses.Table} r
                WHERE {filter.Where("r", command, includeLesson: false)}
                GROUP BY r.question_id
                """;
        var lesson = filter.Lesson is null ? "true" : $"q.lesson_url = {command.Add(filter.Lesson)}";
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        return $"""
            WITH answered AS ({answered})
            SELECT q.question_id, q.lesson_url, q.question_type, q.question_text, coalesce(a.answers, 0) AS answers,
                   CASE WHEN q.question_type = 'quiz' THEN round(a.correct::numeric / nullif(a.judged, 0), 4)::float8 END, count(*) OVER ()
            FROM {AnalysisSchema.Questions.Table} q
            LEFT JOIN answered a ON a.question_id = q.question_id
            WHERE {lesson}
            {paging.OrderBy(Sortable, "q.question_id")}
            LIMIT {limit} OFFSET {offset}
            """;
    }

    public static async Task<QuestionAnswers?> AnswersAsync(
        AnalysisReader reader, string questionId, AnalyticsFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        QuestionSummary? question;
        string choices;
        await using (var command = reader.DataSource.CreateCommand())
        {
            command.CommandText = QuestionSql(command, questionId, filter);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            if (!await rows.ReadAsync(cancellationToken))
            {
                return null;
            }
            question = ReadSummary(rows);
            choices = rows.IsDBNull(6) ? "[]" : rows.GetString(6);
        }

        if (ChoiceTypes.Contains(question.QuestionType))
        {
            await using var command = reader.DataSource.CreateCommand();
            command.CommandText = DistributionSql(command, questionId, filter, choices);
            var distribution = new List<ChoiceCount>();
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                distribution.Add(new ChoiceCount(rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1), rows.GetInt64(2)));
            }
            return new QuestionAnswers(question, distribution, null);
        }

        await using (var command = reader.DataSource.CreateCommand())
        {
            command.CommandText = FreeTextSql(command, questionId, filter, paging);
            var answers = new List<FreeTextAnswer>();
            long total = 0;
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                answers.Add(new FreeTextAnswer(rows.GetString(0), rows.GetString(1), rows.GetFieldValue<DateTimeOffset>(2)));
                total = rows.GetInt64(3);
            }
            return new QuestionAnswers(question, null, new PagedList<FreeTextAnswer>(answers, paging.Page, paging.PageSize, total));
        }
    }

    /// <summary>One question with its answer count and correct rate, and its choices (JSON).</summary>
    internal static string QuestionSql(NpgsqlCommand command, string questionId, AnalyticsFilter filter)
    {
        var where = filter.Where("r", command, includeLesson: false);
        var id = command.Add(questionId);
        return $"""
            SELECT q.question_id, q.lesson_url, q.question_type, q.question_text, count(r.statement_id),
                   round(avg(r.is_correct::int) FILTER (WHERE q.question_type = 'quiz'), 4)::float8, q.choices::text
            FROM {AnalysisSchema.Questions.Table} q
            LEFT JOIN {AnalysisSchema.UserResponses.Table} r ON r.question_id = q.question_id AND {where}
            WHERE q.question_id = {id}
            GROUP BY q.question_id
            """;
    }

    /// <summary>A choice-like question's answers per choice (<paramref name="choices"/>: its defined choices, JSON).</summary>
    internal static string DistributionSql(NpgsqlCommand command, string questionId, AnalyticsFilter filter, string choices)
    {
        var where = filter.Where("r", command, includeLesson: false);
        var id = command.Add(questionId);
        var choiceList = command.Add(choices);
        // Multi-select responses are "a[,]c" (xAPI): each chosen id counts once; every defined choice is listed, zeros included.
        // Identical responses are counted before they are split: a handful of distinct values instead of every answer.
        return $"""
            WITH answered AS (
                SELECT r.response_value, count(*) AS answers
                FROM {AnalysisSchema.UserResponses.Table} r WHERE r.question_id = {id} AND {where}
                GROUP BY r.response_value),
            chosen AS (
                SELECT unnest(string_to_array(response_value, '[,]')) AS choice_id, answers FROM answered),
            defined AS (
                SELECT c->>'id' AS choice_id, c->>'description' AS description, ordinality
                FROM jsonb_array_elements({choiceList}::jsonb) WITH ORDINALITY AS t(c, ordinality))
            SELECT coalesce(d.choice_id, c.choice_id), d.description, coalesce(sum(c.answers), 0)::bigint
            FROM defined d FULL JOIN chosen c ON c.choice_id = d.choice_id
            GROUP BY 1, 2, d.ordinality
            ORDER BY d.ordinality NULLS LAST, 1
            """;
    }

    /// <summary>A page of a question's free-text answers, newest first, with their total.</summary>
    internal static string FreeTextSql(NpgsqlCommand command, string questionId, AnalyticsFilter filter, Paging paging)
    {
        var where = filter.Where("r", command, includeLesson: false);
        var id = command.Add(questionId);
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        // The total is counted on its own: a count(*) OVER () would read every answer to page through the
        // newest few, which the (question_id, timestamp DESC) index otherwise finds directly.
        return $"""
            SELECT r.user_id, coalesce(r.response_text, r.response_value, ''), r."timestamp",
                   (SELECT count(*) FROM {AnalysisSchema.UserResponses.Table} r WHERE r.question_id = {id} AND {where})
            FROM {AnalysisSchema.UserResponses.Table} r WHERE r.question_id = {id} AND {where}
            ORDER BY r."timestamp" DESC, r.statement_id
            LIMIT {limit} OFFSET {offset}
            """;
    }

    private static QuestionSummary ReadSummary(NpgsqlDataReader rows) =>
        new(rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1), rows.GetString(2), rows.IsDBNull(3) ? null : rows.GetString(3),
            rows.GetInt64(4), rows.IsDBNull(5) ? null : rows.GetDouble(5));
}
