using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using SumColumns = SevenTaps.Analysis.AnalysisSchema.SumColumns;

namespace SevenTaps.Analysis.EntityConfigurations;

/// <summary>The columns both learner-lesson summaries share.</summary>
internal static class LearnerLessonSumsColumns
{
    public static void Configure<TSums>(EntityTypeBuilder<TSums> builder) where TSums : LearnerLessonSums
    {
        builder.Property(row => row.UserId).HasColumnName(SumColumns.UserId);
        builder.Property(row => row.LessonUrl).HasColumnName(SumColumns.LessonUrl);
        builder.Property(row => row.Statements).HasColumnName(SumColumns.Statements);
        builder.Property(row => row.Completions).HasColumnName(SumColumns.Completions);
        builder.Property(row => row.Responses).HasColumnName(SumColumns.Responses);
        builder.Property(row => row.FirstAt).HasColumnName(SumColumns.FirstAt);
        builder.Property(row => row.LastAt).HasColumnName(SumColumns.LastAt);
        builder.Property(row => row.FirstCompletedAt).HasColumnName(SumColumns.FirstCompletedAt);
    }
}
