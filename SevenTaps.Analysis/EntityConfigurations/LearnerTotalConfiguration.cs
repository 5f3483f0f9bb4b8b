using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using LearnerTotals = SevenTaps.Analysis.AnalysisSchema.LearnerTotals;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class LearnerTotalConfiguration : IEntityTypeConfiguration<LearnerTotal>
{
    public void Configure(EntityTypeBuilder<LearnerTotal> builder)
    {
        builder.ToTable(LearnerTotals.Name);
        // The key is what the writers lock and recompute by. No foreign key to users: a row comes and goes with
        // the learner's activities, which already reference the user.
        builder.HasKey(row => row.UserId);
        builder.Property(row => row.UserId).HasColumnName(LearnerTotals.UserId);
        builder.Property(row => row.LessonsStarted).HasColumnName(LearnerTotals.LessonsStarted);
        builder.Property(row => row.LessonsCompleted).HasColumnName(LearnerTotals.LessonsCompleted);
        builder.Property(row => row.Statements).HasColumnName(LearnerTotals.Statements);
        builder.Property(row => row.Responses).HasColumnName(LearnerTotals.Responses);
        builder.Property(row => row.FirstAt).HasColumnName(LearnerTotals.FirstAt);
        builder.Property(row => row.LastAt).HasColumnName(LearnerTotals.LastAt);
        // Analytics reads the totals only while no statement lies after its as-of instant: max(last_at), one
        // index endpoint instead of a pass over every learner.
        builder.HasIndex(row => row.LastAt).HasDatabaseName("ix_learner_totals_last_at");
    }
}
