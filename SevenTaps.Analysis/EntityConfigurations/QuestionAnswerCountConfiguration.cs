using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class QuestionAnswerCountConfiguration : IEntityTypeConfiguration<QuestionAnswerCount>
{
    public void Configure(EntityTypeBuilder<QuestionAnswerCount> builder)
    {
        builder.ToTable("question_answer_counts");
        // The key is what the response writes upsert on and what voiding recomputes by. No foreign key to
        // questions: a count row comes and goes with its responses, which already reference the question.
        builder.HasKey(row => new { row.QuestionId, row.Day });
        builder.Property(row => row.QuestionId).HasColumnName("question_id");
        builder.Property(row => row.Day).HasColumnName("day");
        builder.Property(row => row.Answers).HasColumnName("answers");
        builder.Property(row => row.Correct).HasColumnName("correct");
        builder.Property(row => row.Judged).HasColumnName("judged");
    }
}
