using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;

namespace SevenTaps.Analysis.EntityConfigurations;

/// <summary>The columns both learner-lesson summaries share.</summary>
internal static class LearnerLessonSumsColumns
{
    public static void Configure<TSums>(EntityTypeBuilder<TSums> builder) where TSums : LearnerLessonSums
    {
        builder.Property(row => row.UserId).HasColumnName("user_id");
        builder.Property(row => row.LessonUrl).HasColumnName("lesson_url");
        builder.Property(row => row.Statements).HasColumnName("statements");
        builder.Property(row => row.Completions).HasColumnName("completions");
        builder.Property(row => row.Responses).HasColumnName("responses");
        builder.Property(row => row.FirstAt).HasColumnName("first_at");
        builder.Property(row => row.LastAt).HasColumnName("last_at");
        builder.Property(row => row.FirstCompletedAt).HasColumnName("first_completed_at");
    }
}
