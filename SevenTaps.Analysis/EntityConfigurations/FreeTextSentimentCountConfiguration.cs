using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using FreeTextSentimentCounts = SevenTaps.Analysis.AnalysisSchema.FreeTextSentimentCounts;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class FreeTextSentimentCountConfiguration : IEntityTypeConfiguration<FreeTextSentimentCount>
{
    public void Configure(EntityTypeBuilder<FreeTextSentimentCount> builder)
    {
        builder.ToTable(FreeTextSentimentCounts.Name);
        // Answers without a lesson are counted too, so the lesson is nullable and cannot be part of a primary key:
        // the unique index (nulls not distinct, PostgreSQL 15) is what the writes upsert on and voiding recomputes by.
        builder.HasNoKey();
        builder.HasIndex(row => new { row.QuestionId, row.LessonUrl, row.Day })
            .IsUnique()
            .AreNullsDistinct(false)
            .HasDatabaseName("ux_free_text_sentiment_counts_question_lesson_day");
        builder.Property(row => row.QuestionId).HasColumnName(FreeTextSentimentCounts.QuestionId);
        builder.Property(row => row.LessonUrl).HasColumnName(FreeTextSentimentCounts.LessonUrl);
        builder.Property(row => row.Day).HasColumnName(FreeTextSentimentCounts.Day);
        builder.Property(row => row.Answers).HasColumnName(FreeTextSentimentCounts.Answers);
        builder.Property(row => row.SentimentSum).HasColumnName(FreeTextSentimentCounts.SentimentSum).HasColumnType("numeric");
        builder.Property(row => row.Positive).HasColumnName(FreeTextSentimentCounts.Positive);
        builder.Property(row => row.Neutral).HasColumnName(FreeTextSentimentCounts.Neutral);
        builder.Property(row => row.Negative).HasColumnName(FreeTextSentimentCounts.Negative);
    }
}
