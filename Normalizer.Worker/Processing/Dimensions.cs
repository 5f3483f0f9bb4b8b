using Normalizer.Worker.Normalization;
using Npgsql;

namespace Normalizer.Worker.Processing;

/// <summary>
/// The users, lessons and questions a set of statements asserts, merged in memory (one row per key), and the SQL that
/// merges them into the tables: referenced before referencing (questions point at lessons), each in key order.
/// </summary>
internal sealed record Dimensions(
    IReadOnlyList<DimensionRow<UserRow>> Users,
    IReadOnlyList<DimensionRow<LessonRow>> Lessons,
    IReadOnlyList<DimensionRow<QuestionRow>> Questions)
{
    public static Dimensions Of(IEnumerable<NormalizedStatement> statements)
    {
        var all = statements as IReadOnlyCollection<NormalizedStatement> ?? statements.ToList();
        return new(
            DimensionRow<UserRow>.MergeAll(all.Select(AnalysisTables.UserOf).OfType<DimensionRow<UserRow>>()),
            DimensionRow<LessonRow>.MergeAll(all.Select(AnalysisTables.LessonOf).OfType<DimensionRow<LessonRow>>()),
            DimensionRow<QuestionRow>.MergeAll(all.Select(AnalysisTables.QuestionOf).OfType<DimensionRow<QuestionRow>>()));
    }

    /// <summary>Merges the rows into the tables (<see cref="DimensionTable{TData}.Upsert"/>).</summary>
    public IEnumerable<NpgsqlBatchCommand> Merge(AnalysisTables tables) =>
        Commands(tables.Users.Upsert, tables.Lessons.Upsert, tables.Questions.Upsert);

    private IEnumerable<NpgsqlBatchCommand> Commands(
        Func<IReadOnlyList<DimensionRow<UserRow>>, NpgsqlBatchCommand> users,
        Func<IReadOnlyList<DimensionRow<LessonRow>>, NpgsqlBatchCommand> lessons,
        Func<IReadOnlyList<DimensionRow<QuestionRow>>, NpgsqlBatchCommand> questions)
    {
        if (Users.Count > 0)
        {
            yield return users(Users);
        }
        if (Lessons.Count > 0)
        {
            yield return lessons(Lessons);
        }
        if (Questions.Count > 0)
        {
            yield return questions(Questions);
        }
    }
}
