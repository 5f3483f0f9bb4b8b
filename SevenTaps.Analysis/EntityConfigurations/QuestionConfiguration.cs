using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("questions");
        builder.HasKey(question => question.QuestionId);
        builder.Property(question => question.QuestionId).HasColumnName("question_id");
        builder.Property(question => question.LessonUrl).HasColumnName("lesson_url");
        builder.Property(question => question.QuestionType).HasColumnName("question_type");
        builder.Property(question => question.InteractionType).HasColumnName("interaction_type");
        builder.Property(question => question.QuestionText).HasColumnName("question_text");
        builder.Property(question => question.Description).HasColumnName("description");
        builder.Property(question => question.Choices).HasColumnName("choices").HasColumnType("jsonb");
        builder.Property(question => question.CorrectResponses).HasColumnName("correct_responses").HasColumnType("jsonb");
        builder.Property(question => question.Source).HasColumnName("source");
        builder.Property(question => question.FirstSeen).HasColumnName("first_seen");
        builder.Property(question => question.FirstStatementId).HasColumnName("first_statement_id");
        builder.Property(question => question.LastSeen).HasColumnName("last_seen");
        builder.Property(question => question.StatementId).HasColumnName("statement_id");

        // The foreign key; also what deleting a lesson (voiding its last statement) checks.
        builder.HasOne<Lesson>().WithMany().HasForeignKey(question => question.LessonUrl)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_questions_lessons");
        builder.HasIndex(question => question.LessonUrl).HasDatabaseName("ix_questions_lesson_url");
    }
}
