namespace Agent.Api.Schema;

/// <summary>
/// The one place that says which analysis relations Seven and the guarded query endpoint may read, and how they are
/// described to a model or an MCP client. When the analysis schema moves to its own project with a generated
/// description, this class is what switches to it: the guard's allow-list and the text models see cannot disagree.
/// </summary>
public static class AnalysisSchema
{
    public const string Name = "analysis";

    /// <summary>Published relations: the facts and the summaries the normalizer keeps. Not its bookkeeping
    /// (migrations history, the stored lesson catalogue document).</summary>
    public static IReadOnlyList<PublishedRelation> Relations { get; } =
    [
        new("users", "One row per learner.", "user_id text PK, display_name text, email text, ifi text, first_seen timestamptz, last_seen timestamptz"),
        new("lessons", "One row per lesson; lesson_number is the catalogue's number as text.",
            "lesson_url text PK, lesson_number text, lesson_name text, lesson_slug text, first_seen timestamptz, last_seen timestamptz"),
        new("questions", "One row per card (question) of a lesson.",
            "question_id text PK, lesson_url text, question_text text, question_type text (poll, form, quiz, rate, submit-media), interaction_type text, choices jsonb, correct_responses jsonb"),
        new("user_activities", "One row per non-voided statement: what a learner did, when.",
            "statement_id uuid PK, user_id text, lesson_url text, question_id text, verb text (answered, completed, ...), activity_type text, completion bool, success bool, duration_seconds float8, timestamp timestamptz (statement time)"),
        new("user_responses", "One row per answer a learner gave on a card.",
            "statement_id uuid PK, user_id text, lesson_url text, question_id text, response_text text, response_value text, is_correct bool, score_raw float8, score_scaled float8, sentiment float8 (VADER compound), timestamp timestamptz"),
        new("learner_lesson_days", "Summary: one row per learner, lesson and UTC day of statement time ('' lesson_url for none).",
            "user_id text, lesson_url text, day date, statements int, completions int, responses int, first_at timestamptz, last_at timestamptz, first_completed_at timestamptz"),
        new("learner_lessons", "Summary: one row per learner and lesson over all time.",
            "user_id text, lesson_url text, statements int, completions int, responses int, first_at timestamptz, last_at timestamptz, first_completed_at timestamptz"),
        new("learner_totals", "Summary: one row per learner over all time.",
            "user_id text PK, statements int, responses int, lessons_started int, lessons_completed int, first_at timestamptz, last_at timestamptz"),
        new("question_answer_counts", "Summary: answers per card and UTC day.",
            "question_id text, day date, answers int, judged int, correct int"),
    ];

    public static bool IsPublished(string? schema, string relation) =>
        schema == Name && Relations.Any(published => published.Name == relation);

    /// <summary>The schema as text for a model's prompt or MCP's describe_schema.</summary>
    public static string Describe() =>
        string.Join('\n', Relations.Select(relation => $"{Name}.{relation.Name}: {relation.Description} Columns: {relation.Columns}."));
}

public sealed record PublishedRelation(string Name, string Description, string Columns);
