using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable("lessons");
        builder.HasKey(lesson => lesson.LessonUrl);
        builder.Property(lesson => lesson.LessonUrl).HasColumnName("lesson_url");
        builder.Property(lesson => lesson.LessonSlug).HasColumnName("lesson_slug");
        builder.Property(lesson => lesson.LessonNumber).HasColumnName("lesson_number");
        builder.Property(lesson => lesson.LessonName).HasColumnName("lesson_name");
        builder.Property(lesson => lesson.Source).HasColumnName("source");
        builder.Property(lesson => lesson.FirstSeen).HasColumnName("first_seen");
        builder.Property(lesson => lesson.FirstStatementId).HasColumnName("first_statement_id");
        builder.Property(lesson => lesson.LastSeen).HasColumnName("last_seen");
        builder.Property(lesson => lesson.StatementId).HasColumnName("statement_id");
    }
}
