using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SevenTaps.Analysis.Tests;

/// <summary>
/// The migrations moved here from Normalizer.Worker: databases that applied them record their ids in
/// analysis.__ef_migrations_history, so the ids and the history table must stay exactly as they were.
/// </summary>
public class MigrationTests
{
    private static AnalysisContext Context() =>
        new(new DbContextOptionsBuilder<AnalysisContext>().UseNpgsql("Host=unused", AnalysisContextOptions.Configure).Options);

    [Fact]
    public void The_migration_ids_existing_databases_recorded_are_kept_in_order()
    {
        using var context = Context();

        string[] recorded =
        [
            "20261124111203_InitialAnalysisTables", "20261124114139_ResponseFullTextSearch", "20261201040104_CsvImportSourceData",
            "20261201040133_LessonCatalogueTable", "20261201040522_IndexLearnerAndQuestionRowsByTime", "20261201043737_ResponseSentiment",
            "20261201044610_SummarizeLearnerLessonDays", "20261201061929_SummarizeLearnerLessonsAndAnswerCounts",
            "20261201062645_IndexFreeTextAnswerWords", "20261201073550_QuestionAnswerCountsByDay", "20261201085032_SummarizeLearnerTotals",
            "20261201091525_IndexLessonCompletionTimes", "20261201094704_IndexLearnerLessonDaysByLearnerWeek",
        ];
        var migrations = context.Database.GetMigrations().ToList();
        Assert.Equal(recorded, migrations.Take(recorded.Length));
        Assert.Equal("20261201204006_OwnReaderRole", migrations[recorded.Length]);
    }

    [Fact]
    public void The_history_table_is_the_one_existing_databases_have()
    {
        using var context = Context();

        var options = RelationalOptionsExtension.Extract(context.GetService<IDbContextOptions>());
        Assert.Equal(("analysis", "__ef_migrations_history"), (options.MigrationsHistoryTableSchema, options.MigrationsHistoryTableName));
    }

    [Fact]
    public void The_model_has_no_changes_without_a_migration()
    {
        using var context = Context();

        Assert.False(context.Database.HasPendingModelChanges());
    }
}
