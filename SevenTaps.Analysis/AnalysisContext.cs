using Microsoft.EntityFrameworkCore;
using SevenTaps.Analysis.EntityConfigurations;
using SevenTaps.Analysis.Model;

namespace SevenTaps.Analysis;

/// <summary>
/// The analysis tables, schema <c>analysis</c>: the contract between the normalizer (writes) and analytics,
/// Seven and the SQL workbench (read). This project owns their migrations, the read-only role and its grants;
/// Normalizer.Worker applies them at start-up. EF Core defines the schema; writers and readers use hand-written
/// SQL over it, never change tracking.
/// </summary>
public sealed class AnalysisContext(DbContextOptions<AnalysisContext> options) : DbContext(options)
{
    /// <summary>
    /// In the schema itself (<see cref="AnalysisSchema.Name"/>), so the history describes the schema it sits in: a
    /// re-normalization builds a shadow schema and renames it to that name atomically, history included.
    /// </summary>
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// The role readers query as: USAGE on the schema and SELECT on its tables (present and future), nothing else.
    /// Created and granted by this schema's migrations.
    /// </summary>
    public const string ReaderRole = "seventaps_analytics_reader";

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

    public DbSet<FreeTextSentimentCount> FreeTextSentimentCounts => Set<FreeTextSentimentCount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(AnalysisSchema.Name);
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
        modelBuilder.ApplyConfiguration(new FreeTextSentimentCountConfiguration());
    }
}
