using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using LearnerLessons = SevenTaps.Analysis.AnalysisSchema.LearnerLessons;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class LearnerLessonConfiguration : IEntityTypeConfiguration<LearnerLesson>
{
    public void Configure(EntityTypeBuilder<LearnerLesson> builder)
    {
        builder.ToTable(LearnerLessons.Name);
        // The key is what the fact writes upsert on and what voiding recomputes by. The whole-course queries read
        // the whole table (one narrow row per learner and lesson). One more index, on each lesson's times to
        // completion, is an expression the model cannot state: migration IndexLessonCompletionTimes creates it.
        builder.HasKey(row => new { row.UserId, row.LessonUrl });
        LearnerLessonSumsColumns.Configure(builder);
    }
}
