using Agent.Api.Guard;
using SevenTaps.Analysis;

namespace Agent.Api.Engine;

/// <summary>A lesson as questions name it: its place in the course order (what "lesson 3" means), name and URL.</summary>
public sealed record CatalogLesson(int Place, string Url, string? Number, string Name);

/// <summary>A cohort: the learners whose first statement fell in the week starting <see cref="Week"/> (Monday, UTC).</summary>
public sealed record CatalogCohort(string Letter, DateOnly Week, long Learners);

/// <summary>
/// A card (question) as questions name it: its lesson's place, its place in the lesson (<see cref="CourseCatalog.CardsCte"/>:
/// "card 2 of lesson 1"), its activity id, 7taps type (poll, quiz, rate, form, submit media...) and prompt.
/// </summary>
public sealed record CatalogCard(int Lesson, int Place, string Id, string Type, string? Text)
{
    /// <summary>Cards answered by picking choices or a point of a scale: their answers have a distribution.</summary>
    public bool HasChoices => Type is "poll" or "quiz" or "rate";

    /// <summary>Cards answered in the learner's words (their answers have themes).</summary>
    public bool IsFreeText => Type == "form";
}

/// <summary>What the offline parser resolves names against, read through the guard like every other query.</summary>
public sealed record CourseCatalog(IReadOnlyList<CatalogLesson> Lessons, IReadOnlyList<CatalogCohort> Cohorts, IReadOnlyList<CatalogCard> Cards, DateTimeOffset? AsOf)
{
    /// <summary>
    /// The course order the analytics dropoff uses: the catalogue's lesson number when it is loaded, then the order in
    /// which learners first reached the lessons. Shared by every verified query as the <c>course</c> CTE.
    /// </summary>
    public const string CourseCte = $"""
        course AS (
            SELECT lesson_url, coalesce(lesson_name, lesson_slug, lesson_url) AS lesson_name,
                   row_number() OVER (ORDER BY CASE WHEN lesson_number ~ '^[0-9]+$' THEN lesson_number::int END NULLS LAST,
                                               lesson_number NULLS LAST, first_seen, lesson_url)::int AS lesson
            FROM {AnalysisSchema.Lessons.Table})
        """;

    /// <summary>
    /// The cards of each lesson in the order learners first answered them (<c>questions.first_seen</c>): "card 2 of
    /// lesson 1" is the second card of lesson 1 anyone answered, the lesson's own order whenever learners go through
    /// its cards in order. Needs the <c>course</c> CTE.
    /// </summary>
    public const string CardsCte = $"""
        cards AS (
            SELECT c.lesson, q.question_id, q.question_type, q.question_text,
                   row_number() OVER (PARTITION BY q.lesson_url ORDER BY q.first_seen, q.question_id)::int AS card
            FROM {AnalysisSchema.Questions.Table} q JOIN course c USING (lesson_url))
        """;

    private const string Sql = $"""
        WITH {CourseCte},
        {CardsCte},
        cohorts AS (
            SELECT date_trunc('week', first_seen AT TIME ZONE 'UTC')::date AS week, count(*) AS learners
            FROM {AnalysisSchema.Users.Table} GROUP BY 1)
        SELECT 'lesson' AS kind, c.lesson AS place, c.lesson_url AS id, l.lesson_number AS number, c.lesson_name AS name,
               NULL::date AS week, NULL::bigint AS count, NULL::timestamptz AS at
        FROM course c JOIN {AnalysisSchema.Lessons.Table} l USING (lesson_url)
        UNION ALL
        SELECT 'cohort', NULL, NULL, NULL, NULL, week, learners, NULL FROM cohorts
        UNION ALL
        SELECT 'card', lesson, question_id, question_type, question_text, NULL, card, NULL FROM cards
        UNION ALL
        SELECT 'as_of', NULL, NULL, NULL, NULL, NULL, NULL, max("timestamp") FROM {AnalysisSchema.UserActivities.Table}
        """;

    public static async Task<CourseCatalog> LoadAsync(SqlGuard guard, CancellationToken cancellationToken)
    {
        var outcome = await guard.RunAsync(Sql, [], cancellationToken);
        if (outcome.Result is not { } result)
        {
            throw new InvalidOperationException($"The course catalogue query was refused: {outcome.Refusal!.Reason}");
        }
        var lessons = new List<CatalogLesson>();
        var weeks = new List<(DateOnly Week, long Learners)>();
        var cards = new List<CatalogCard>();
        DateTimeOffset? asOf = null;
        foreach (var row in result.Rows)
        {
            switch ((string)row[0]!)
            {
                case "lesson":
                    lessons.Add(new CatalogLesson(Convert.ToInt32(row[1]), (string)row[2]!, row[3] as string, (string)row[4]!));
                    break;
                case "cohort":
                    weeks.Add((DateOnly.Parse((string)row[5]!), Convert.ToInt64(row[6])));
                    break;
                case "card":
                    cards.Add(new CatalogCard(Convert.ToInt32(row[1]), Convert.ToInt32(row[6]), (string)row[2]!, (string)row[3]!, row[4] as string));
                    break;
                default:
                    asOf = row[7] is string time ? DateTimeOffset.Parse(time) : null;
                    break;
            }
        }
        var cohorts = weeks.OrderBy(week => week.Week)
            .Select((week, index) => new CatalogCohort(index < 26 ? ((char)('A' + index)).ToString() : (index + 1).ToString(), week.Week, week.Learners))
            .ToList();
        return new CourseCatalog(lessons.OrderBy(lesson => lesson.Place).ToList(), cohorts,
            cards.OrderBy(card => card.Lesson).ThenBy(card => card.Place).ToList(), asOf);
    }
}
