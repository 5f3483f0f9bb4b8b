namespace Analytics.Api.Queries;

/// <summary>
/// A row of the heatmap: the learners ranked <see cref="FirstRank"/> to <see cref="LastRank"/> by progress (lessons
/// completed, then started, most first; then user id), and per lesson of <see cref="CompletionHeatmap.Lessons"/> how
/// many of them started it and completed it.
/// </summary>
/// <param name="UserId">The learner, when the row is one learner.</param>
public sealed record HeatmapRow(int FirstRank, int LastRank, long Learners, string? UserId, IReadOnlyList<long> Started, IReadOnlyList<long> Completed);

/// <param name="Lessons">The heatmap's columns: the lessons someone in the filter started, in course order.</param>
/// <param name="Learners">Learners with a statement in a lesson in the filter.</param>
/// <param name="Grouped">More learners than rows: each row is a group of learners of neighbouring rank.</param>
public sealed record CompletionHeatmap(IReadOnlyList<CourseLesson> Lessons, IReadOnlyList<HeatmapRow> Rows, long Learners, bool Grouped);

/// <summary>
/// Learner × lesson completion: one row per learner while they fit in <c>rows</c>, else the learners ranked by progress
/// and cut into <c>rows</c> groups of (nearly) equal size (<c>ntile</c>), so the answer stays small at any course size.
/// Counted from the learner-lesson pairs of the filter (<see cref="LearnerLessons"/>): started means a statement in the
/// lesson, completed a completed statement on the lesson itself.
/// </summary>
public static class CompletionHeatmapQuery
{
    public const int DefaultRows = 50;

    public const int MaxRows = 500;

    public static async Task<CompletionHeatmap> RunAsync(AnalysisReader reader, AnalyticsFilter filter, int rows, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        var pairs = LearnerLessons.Cte(filter, command, [], [new("completions", "sum", "completions")]);
        var groups = command.Add(rows);
        // Grouped per (group, lesson) in SQL: at a million statements the answer is rows × lessons counts, not a row per pair.
        // The cells are counted by group number and lesson alone (a hash table of rows × lessons entries), and the
        // group's ranks and the lesson's name joined to those few counts after: grouping by every output column sorted
        // all 100,000 cells on nine columns, spilling to disk (950 ms of a 1M-statement course, against 390 ms).
        command.CommandText = $"""
            WITH {pairs},
            cells AS (SELECT user_id, lesson_url, completions > 0 AS completed FROM pairs WHERE lesson_url IS NOT NULL),
            learners AS (SELECT user_id, count(*) AS started, count(*) FILTER (WHERE completed) AS completed FROM cells GROUP BY user_id),
            ranked AS (
                SELECT user_id, ntile({groups}) OVER progress AS grp, row_number() OVER progress AS place
                FROM learners
                WINDOW progress AS (ORDER BY completed DESC, started DESC, user_id COLLATE "C")),
            grouped AS (
                SELECT grp, min(place)::int AS first_rank, max(place)::int AS last_rank, count(*) AS learners,
                       CASE WHEN count(*) = 1 THEN min(user_id) END AS user_id
                FROM ranked GROUP BY grp),
            {CourseLessonsQuery.CourseCte},
            counts AS (
                SELECT r.grp, c.lesson_url, count(*) AS started, count(*) FILTER (WHERE c.completed) AS completed
                FROM cells c JOIN ranked r ON r.user_id = c.user_id
                GROUP BY r.grp, c.lesson_url)
            SELECT g.grp, g.first_rank, g.last_rank, g.learners, g.user_id, n.lesson_url, l.lesson_number, l.lesson_name, l.place, n.started, n.completed
            FROM counts n JOIN grouped g ON g.grp = n.grp LEFT JOIN course l ON l.lesson_url = n.lesson_url
            ORDER BY g.grp
            """;
        var cells = new List<(int Group, int FirstRank, int LastRank, long Learners, string? UserId, CourseLesson Lesson, long Place, long Started, long Completed)>();
        await using (var results = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await results.ReadAsync(cancellationToken))
            {
                var lesson = new CourseLesson(results.GetString(5), results.IsDBNull(6) ? null : results.GetString(6), results.IsDBNull(7) ? null : results.GetString(7));
                cells.Add((results.GetInt32(0), results.GetInt32(1), results.GetInt32(2), results.GetInt64(3), results.IsDBNull(4) ? null : results.GetString(4),
                    lesson, results.IsDBNull(8) ? long.MaxValue : results.GetInt64(8), results.GetInt64(9), results.GetInt64(10)));
            }
        }

        // The lessons someone in the filter started, in course order.
        var lessons = cells.DistinctBy(cell => cell.Lesson.LessonUrl).OrderBy(cell => cell.Place).ThenBy(cell => cell.Lesson.LessonUrl, StringComparer.Ordinal)
            .Select(cell => cell.Lesson).ToList();
        var column = lessons.Select((lesson, index) => (lesson.LessonUrl, index)).ToDictionary(pair => pair.LessonUrl, pair => pair.index);
        var heatmapRows = cells.GroupBy(cell => cell.Group).Select(group =>
        {
            var first = group.First();
            var startedCounts = new long[lessons.Count];
            var completedCounts = new long[lessons.Count];
            foreach (var cell in group)
            {
                startedCounts[column[cell.Lesson.LessonUrl]] = cell.Started;
                completedCounts[column[cell.Lesson.LessonUrl]] = cell.Completed;
            }
            return new HeatmapRow(first.FirstRank, first.LastRank, first.Learners, first.UserId, startedCounts, completedCounts);
        }).ToList();
        var learners = heatmapRows.Sum(row => row.Learners);
        return new CompletionHeatmap(lessons, heatmapRows, learners, learners > heatmapRows.Count);
    }
}
