namespace SevenTaps.Analysis;

/// <summary>
/// The names of the analysis schema, spelled once. Each table has its name (<c>Name</c>: for the EF model and for
/// writers that fill another schema, a re-normalization's shadow schema), its name in this schema (<c>Table</c>: what
/// SQL names) and its columns. The EF configurations map the model with these, the writers list the columns they
/// write with these, and every reader and writer names its tables with these. Column names inside hand-written SQL
/// stay readable words; a test plans every such query against the migrated schema (tests/Analytics.Tests,
/// <c>SqlPlanTests</c>), so a renamed or missing column fails it with the query's name.
/// </summary>
public static class AnalysisSchema
{
    /// <summary>
    /// The live generation of derived rows: a re-normalization fills a shadow schema and renames it to this name
    /// atomically.
    /// </summary>
    public const string Name = "analysis";

    /// <summary>The columns every dimension table (users, lessons, questions) has: merged over the statements that assert the row.</summary>
    public static class DimensionColumns
    {
        public const string Source = "source";
        public const string FirstSeen = "first_seen";
        public const string FirstStatementId = "first_statement_id";
        public const string LastSeen = "last_seen";

        /// <summary>The latest statement asserting the row: the one its descriptive columns come from.</summary>
        public const string StatementId = "statement_id";
    }

    /// <summary>The columns both fact tables (user_activities, user_responses) have: one row per statement.</summary>
    public static class FactColumns
    {
        public const string StatementId = "statement_id";
        public const string UserId = Users.UserId;
        public const string LessonUrl = Lessons.LessonUrl;
        public const string QuestionId = Questions.QuestionId;
        public const string DurationSeconds = "duration_seconds";

        /// <summary>Statement time (a keyword: SQL quotes it, <c>"timestamp"</c>).</summary>
        public const string Timestamp = "timestamp";

        public const string Source = DimensionColumns.Source;
        public const string SourceData = "source_data";
    }

    /// <summary>The sums both learner-lesson summaries (learner_lesson_days, learner_lessons) keep; the totals reuse some.</summary>
    public static class SumColumns
    {
        public const string UserId = Users.UserId;

        /// <summary>The lesson, or '' for statements without one (a key column cannot be null).</summary>
        public const string LessonUrl = Lessons.LessonUrl;

        public const string Statements = "statements";
        public const string Completions = "completions";
        public const string Responses = "responses";
        public const string FirstAt = "first_at";
        public const string LastAt = "last_at";
        public const string FirstCompletedAt = "first_completed_at";
    }

    public static class Users
    {
        public const string Name = "users";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string UserId = "user_id";
        public const string Ifi = "ifi";
        public const string DisplayName = "display_name";
        public const string Email = "email";
        public const string Source = DimensionColumns.Source;
        public const string FirstSeen = DimensionColumns.FirstSeen;
        public const string FirstStatementId = DimensionColumns.FirstStatementId;
        public const string LastSeen = DimensionColumns.LastSeen;
        public const string StatementId = DimensionColumns.StatementId;
    }

    public static class Lessons
    {
        public const string Name = "lessons";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string LessonUrl = "lesson_url";
        public const string LessonSlug = "lesson_slug";
        public const string LessonNumber = "lesson_number";
        public const string LessonName = "lesson_name";
        public const string Source = DimensionColumns.Source;
        public const string FirstSeen = DimensionColumns.FirstSeen;
        public const string FirstStatementId = DimensionColumns.FirstStatementId;
        public const string LastSeen = DimensionColumns.LastSeen;
        public const string StatementId = DimensionColumns.StatementId;
    }

    public static class Questions
    {
        public const string Name = "questions";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string QuestionId = "question_id";
        public const string LessonUrl = Lessons.LessonUrl;
        public const string QuestionType = "question_type";
        public const string InteractionType = "interaction_type";
        public const string QuestionText = "question_text";
        public const string Description = "description";
        public const string Choices = "choices";
        public const string CorrectResponses = "correct_responses";
        public const string Source = DimensionColumns.Source;
        public const string FirstSeen = DimensionColumns.FirstSeen;
        public const string FirstStatementId = DimensionColumns.FirstStatementId;
        public const string LastSeen = DimensionColumns.LastSeen;
        public const string StatementId = DimensionColumns.StatementId;
    }

    public static class UserActivities
    {
        public const string Name = "user_activities";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string StatementId = FactColumns.StatementId;
        public const string UserId = FactColumns.UserId;
        public const string LessonUrl = FactColumns.LessonUrl;
        public const string QuestionId = FactColumns.QuestionId;
        public const string ActivityType = "activity_type";
        public const string Verb = "verb";
        public const string Completion = "completion";
        public const string Success = "success";
        public const string DurationSeconds = FactColumns.DurationSeconds;
        public const string Timestamp = FactColumns.Timestamp;
        public const string Source = FactColumns.Source;
        public const string SourceData = FactColumns.SourceData;
    }

    public static class UserResponses
    {
        public const string Name = "user_responses";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string StatementId = FactColumns.StatementId;
        public const string UserId = FactColumns.UserId;
        public const string QuestionId = FactColumns.QuestionId;
        public const string LessonUrl = FactColumns.LessonUrl;
        public const string ResponseValue = "response_value";
        public const string ResponseText = "response_text";
        public const string IsCorrect = "is_correct";
        public const string ScoreRaw = "score_raw";
        public const string ScoreScaled = "score_scaled";
        public const string ScoreMin = "score_min";
        public const string ScoreMax = "score_max";
        public const string DurationSeconds = FactColumns.DurationSeconds;
        public const string Timestamp = FactColumns.Timestamp;
        public const string Source = FactColumns.Source;
        public const string SourceData = FactColumns.SourceData;
        public const string Sentiment = "sentiment";

        /// <summary>Generated by PostgreSQL (English full-text vector of the text); never written.</summary>
        public const string ResponseSearch = "response_search";

        /// <summary>Generated by PostgreSQL for free-text answers (every word, 'simple' configuration); never written.</summary>
        public const string ResponseWords = "response_words";
    }

    public static class LessonCatalogue
    {
        public const string Name = "lesson_catalogue";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string Id = "id";
        public const string Document = "document";
        public const string LoadedAt = "loaded_at";
    }

    /// <summary>
    /// The normalizer's reconciliation mark: one row, "every stored statement up to this <c>xapi.statements.seq</c>
    /// is normalized". Created by a migration of this context, but in the normalizer's own schema
    /// (<see cref="SevenTaps.Contracts.DatabaseSchemas.Normalizer"/>): it is the normalizer's bookkeeping, not analysis
    /// data, so readers of the analysis schema do not see it and a re-normalization's swap leaves it alone.
    /// </summary>
    public static class ReconciliationMark
    {
        public const string Name = "reconciliation_mark";
        public const string Table = $"{SevenTaps.Contracts.DatabaseSchemas.Normalizer}.{Name}";
        public const string NormalizedThrough = "normalized_through";
        public const string AdvancedAt = "advanced_at";
    }

    public static class LearnerLessonDays
    {
        public const string Name = "learner_lesson_days";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string UserId = SumColumns.UserId;
        public const string LessonUrl = SumColumns.LessonUrl;

        /// <summary>The UTC date of the statements' time.</summary>
        public const string Day = "day";

        public const string Statements = SumColumns.Statements;
        public const string Completions = SumColumns.Completions;
        public const string Responses = SumColumns.Responses;
        public const string FirstAt = SumColumns.FirstAt;
        public const string LastAt = SumColumns.LastAt;
        public const string FirstCompletedAt = SumColumns.FirstCompletedAt;
    }

    public static class LearnerLessons
    {
        public const string Name = "learner_lessons";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string UserId = SumColumns.UserId;
        public const string LessonUrl = SumColumns.LessonUrl;
        public const string Statements = SumColumns.Statements;
        public const string Completions = SumColumns.Completions;
        public const string Responses = SumColumns.Responses;
        public const string FirstAt = SumColumns.FirstAt;
        public const string LastAt = SumColumns.LastAt;
        public const string FirstCompletedAt = SumColumns.FirstCompletedAt;
    }

    public static class LearnerTotals
    {
        public const string Name = "learner_totals";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string UserId = Users.UserId;
        public const string LessonsStarted = "lessons_started";
        public const string LessonsCompleted = "lessons_completed";
        public const string Statements = SumColumns.Statements;
        public const string Responses = SumColumns.Responses;
        public const string FirstAt = SumColumns.FirstAt;
        public const string LastAt = SumColumns.LastAt;
    }

    public static class QuestionAnswerCounts
    {
        public const string Name = "question_answer_counts";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string QuestionId = Questions.QuestionId;

        /// <summary>The UTC date of the answers' statement time.</summary>
        public const string Day = LearnerLessonDays.Day;

        public const string Answers = "answers";
        public const string Correct = "correct";
        public const string Judged = "judged";
    }

    public static class FreeTextSentimentCounts
    {
        public const string Name = "free_text_sentiment_counts";
        public const string Table = $"{AnalysisSchema.Name}.{Name}";
        public const string QuestionId = Questions.QuestionId;

        /// <summary>The answers' lesson; null for answers without one.</summary>
        public const string LessonUrl = FactColumns.LessonUrl;

        /// <summary>The UTC date of the answers' statement time.</summary>
        public const string Day = LearnerLessonDays.Day;

        public const string Answers = QuestionAnswerCounts.Answers;

        /// <summary>Sum of the answers' VADER compound scores: the mean is the sum over the answers.</summary>
        public const string SentimentSum = "sentiment_sum";

        public const string Positive = "positive";
        public const string Neutral = "neutral";
        public const string Negative = "negative";
    }
}
