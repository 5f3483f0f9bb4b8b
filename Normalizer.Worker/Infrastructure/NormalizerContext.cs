using Microsoft.EntityFrameworkCore;
using Normalizer.Worker.Infrastructure.EntityConfigurations;
using Normalizer.Worker.Model;

namespace Normalizer.Worker.Infrastructure;

/// <summary>
/// The analysis tables, schema <c>analysis</c>. The normalizer owns them and applies their migrations at
/// start-up. EF Core defines the schema; the hot path writes them with hand-written SQL
/// (<see cref="Processing.AnalysisTables"/>), never through change tracking.
/// </summary>
public sealed class NormalizerContext(DbContextOptions<NormalizerContext> options) : DbContext(options)
{
    /// <summary>
    /// One schema per generation of derived rows: a later re-normalization builds a shadow schema and renames
    /// it to this name atomically. The migration history lives in it too, so it describes the schema it sits in.
    /// </summary>
    public const string Schema = "analysis";
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<User> Users => Set<User>();

    public DbSet<Lesson> Lessons => Set<Lesson>();

    public DbSet<Question> Questions => Set<Question>();

    public DbSet<UserResponse> UserResponses => Set<UserResponse>();

    public DbSet<UserActivity> UserActivities => Set<UserActivity>();

    public DbSet<StoredLessonCatalogue> LessonCatalogue => Set<StoredLessonCatalogue>();
    public DbSet<LearnerLessonDay> LearnerLessonDays => Set<LearnerLessonDay>();

    public DbSet<LearnerLesson> LearnerLessons => Set<LearnerLesson>();

    public DbSet<LearnerTotal> LearnerTotals => Set<LearnerTotal>();

    public DbSet<QuestionAnswerCount> QuestionAnswerCounts => Set<QuestionAnswerCount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfiguration(new UserConfiguration());
        modelBuilder.ApplyConfiguration(new LessonConfiguration());
        modelBuilder.ApplyConfiguration(new QuestionConfiguration());
        modelBuilder.ApplyConfiguration(new UserResponseConfiguration());
        modelBuilder.ApplyConfiguration(new UserActivityConfiguration());
        modelBuilder.ApplyConfiguration(new StoredLessonCatalogueConfiguration());
        modelBuilder.ApplyConfiguration(new LearnerLessonDayConfiguration());
        modelBuilder.ApplyConfiguration(new LearnerLessonConfiguration());
        modelBuilder.ApplyConfiguration(new LearnerTotalConfiguration());
        modelBuilder.ApplyConfiguration(new QuestionAnswerCountConfiguration());
    }
}
