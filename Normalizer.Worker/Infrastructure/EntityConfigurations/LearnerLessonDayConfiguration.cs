using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Normalizer.Worker.Model;

namespace Normalizer.Worker.Infrastructure.EntityConfigurations;

internal sealed class LearnerLessonDayConfiguration : IEntityTypeConfiguration<LearnerLessonDay>
{
    public void Configure(EntityTypeBuilder<LearnerLessonDay> builder)
    {
        builder.ToTable("learner_lesson_days");
        // The key is what the fact writes upsert on and what voiding recomputes by; learner first, as the
        // per-learner lists read it.
        builder.HasKey(row => new { row.UserId, row.LessonUrl, row.Day });
        builder.Property(row => row.UserId).HasColumnName("user_id");
        builder.Property(row => row.LessonUrl).HasColumnName("lesson_url");
        builder.Property(row => row.Day).HasColumnName("day");
        builder.Property(row => row.Statements).HasColumnName("statements");
        builder.Property(row => row.Completions).HasColumnName("completions");
        builder.Property(row => row.Responses).HasColumnName("responses");
        builder.Property(row => row.FirstAt).HasColumnName("first_at");
        builder.Property(row => row.LastAt).HasColumnName("last_at");
        builder.Property(row => row.FirstCompletedAt).HasColumnName("first_completed_at");
        // Date-filtered analytics read a range of days; the rows a cut instant splits are found by day too.
        builder.HasIndex(row => row.Day).HasDatabaseName("ix_learner_lesson_days_day");
    }
}
