using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using Questions = SevenTaps.Analysis.AnalysisSchema.Questions;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable(Questions.Name);
        builder.HasKey(question => question.QuestionId);
        builder.Property(question => question.QuestionId).HasColumnName(Questions.QuestionId);
        builder.Property(question => question.LessonUrl).HasColumnName(Questions.LessonUrl);
        builder.Property(question => question.QuestionType).HasColumnName(Questions.QuestionType);
        builder.Property(question => question.InteractionType).HasColumnName(Questions.InteractionType);
        builder.Property(question => question.QuestionText).HasColumnName(Questions.QuestionText);
        builder.Property(question => question.Description).HasColumnName(Questions.Description);
        builder.Property(question => question.Choices).HasColumnName(Questions.Choices).HasColumnType("jsonb");
        builder.Property(question => question.CorrectResponses).HasColumnName(Questions.CorrectResponses).HasColumnType("jsonb");
        builder.Property(question => question.Source).HasColumnName(Questions.Source);
        builder.Property(question => question.FirstSeen).HasColumnName(Questions.FirstSeen);
        builder.Property(question => question.FirstStatementId).HasColumnName(Questions.FirstStatementId);
        builder.Property(question => question.LastSeen).HasColumnName(Questions.LastSeen);
        builder.Property(question => question.StatementId).HasColumnName(Questions.StatementId);

        // The foreign key; also what deleting a lesson (voiding its last statement) checks.
        builder.HasOne<Lesson>().WithMany().HasForeignKey(question => question.LessonUrl)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_questions_lessons");
        builder.HasIndex(question => question.LessonUrl).HasDatabaseName("ix_questions_lesson_url");
    }
}
