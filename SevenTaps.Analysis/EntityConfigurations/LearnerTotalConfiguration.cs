using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class LearnerTotalConfiguration : IEntityTypeConfiguration<LearnerTotal>
{
    public void Configure(EntityTypeBuilder<LearnerTotal> builder)
    {
        builder.ToTable("learner_totals");
        // The key is what the writers lock and recompute by. No foreign key to users: a row comes and goes with
        // the learner's activities, which already reference the user.
        builder.HasKey(row => row.UserId);
        builder.Property(row => row.UserId).HasColumnName("user_id");
        builder.Property(row => row.LessonsStarted).HasColumnName("lessons_started");
        builder.Property(row => row.LessonsCompleted).HasColumnName("lessons_completed");
        builder.Property(row => row.Statements).HasColumnName("statements");
        builder.Property(row => row.Responses).HasColumnName("responses");
        builder.Property(row => row.FirstAt).HasColumnName("first_at");
        builder.Property(row => row.LastAt).HasColumnName("last_at");
        // Analytics reads the totals only while no statement lies after its as-of instant: max(last_at), one
        // index endpoint instead of a pass over every learner.
        builder.HasIndex(row => row.LastAt).HasDatabaseName("ix_learner_totals_last_at");
    }
}
