using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using QuestionAnswerCounts = SevenTaps.Analysis.AnalysisSchema.QuestionAnswerCounts;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class QuestionAnswerCountConfiguration : IEntityTypeConfiguration<QuestionAnswerCount>
{
    public void Configure(EntityTypeBuilder<QuestionAnswerCount> builder)
    {
        builder.ToTable(QuestionAnswerCounts.Name);
        // The key is what the response writes upsert on and what voiding recomputes by. No foreign key to
        // questions: a count row comes and goes with its responses, which already reference the question.
        builder.HasKey(row => new { row.QuestionId, row.Day });
        builder.Property(row => row.QuestionId).HasColumnName(QuestionAnswerCounts.QuestionId);
        builder.Property(row => row.Day).HasColumnName(QuestionAnswerCounts.Day);
        builder.Property(row => row.Answers).HasColumnName(QuestionAnswerCounts.Answers);
        builder.Property(row => row.Correct).HasColumnName(QuestionAnswerCounts.Correct);
        builder.Property(row => row.Judged).HasColumnName(QuestionAnswerCounts.Judged);
    }
}
