using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using LearnerLessonDays = SevenTaps.Analysis.AnalysisSchema.LearnerLessonDays;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class LearnerLessonDayConfiguration : IEntityTypeConfiguration<LearnerLessonDay>
{
    public void Configure(EntityTypeBuilder<LearnerLessonDay> builder)
    {
        builder.ToTable(LearnerLessonDays.Name);
        // The key is what the fact writes upsert on and what voiding recomputes by; learner first, as the
        // per-learner lists read it.
        builder.HasKey(row => new { row.UserId, row.LessonUrl, row.Day });
        LearnerLessonSumsColumns.Configure(builder);
        builder.Property(row => row.Day).HasColumnName(LearnerLessonDays.Day);
        // Date-filtered analytics read a range of days; the rows a cut instant splits are found by day too.
        builder.HasIndex(row => row.Day).HasDatabaseName("ix_learner_lesson_days_day");
    }
}
