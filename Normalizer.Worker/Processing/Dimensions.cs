using Normalizer.Worker.Normalization;
using Npgsql;

namespace Normalizer.Worker.Processing;

/// <summary>
/// The users, lessons and questions a set of statements asserts, merged in memory (one row per key), and the SQL that
/// writes them: their missing rows, which the fact rows' foreign keys need first, and the merge into existing rows,
/// which locks them and so goes last.
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

    /// <summary>Inserts the rows no table has yet, leaving existing rows unlocked; referenced before referencing (questions point at lessons).</summary>
    public IEnumerable<NpgsqlBatchCommand> InsertMissing(AnalysisTables tables) =>
        Commands(tables.Users.InsertMissing, tables.Lessons.InsertMissing, tables.Questions.InsertMissing);

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
