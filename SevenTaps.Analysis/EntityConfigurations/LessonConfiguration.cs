using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using Lessons = SevenTaps.Analysis.AnalysisSchema.Lessons;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable(Lessons.Name);
        builder.HasKey(lesson => lesson.LessonUrl);
        builder.Property(lesson => lesson.LessonUrl).HasColumnName(Lessons.LessonUrl);
        builder.Property(lesson => lesson.LessonSlug).HasColumnName(Lessons.LessonSlug);
        builder.Property(lesson => lesson.LessonNumber).HasColumnName(Lessons.LessonNumber);
        builder.Property(lesson => lesson.LessonName).HasColumnName(Lessons.LessonName);
        builder.Property(lesson => lesson.Source).HasColumnName(Lessons.Source);
        builder.Property(lesson => lesson.FirstSeen).HasColumnName(Lessons.FirstSeen);
        builder.Property(lesson => lesson.FirstStatementId).HasColumnName(Lessons.FirstStatementId);
        builder.Property(lesson => lesson.LastSeen).HasColumnName(Lessons.LastSeen);
        builder.Property(lesson => lesson.StatementId).HasColumnName(Lessons.StatementId);
    }
}
