using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingest.Api.Infrastructure.EntityConfigurations;

internal sealed class StoredStatementConfiguration : IEntityTypeConfiguration<StoredStatement>
{
    public void Configure(EntityTypeBuilder<StoredStatement> builder)
    {
        builder.ToTable("statements");
        builder.HasKey(statement => statement.Id);
        builder.Property(statement => statement.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(statement => statement.Sequence).HasColumnName("seq").UseIdentityAlwaysColumn();
        builder.Property(statement => statement.Statement).HasColumnName("statement").HasColumnType("jsonb");
        builder.Property(statement => statement.Stored).HasColumnName("stored");
        builder.Property(statement => statement.Timestamp).HasColumnName("timestamp");
        builder.Property(statement => statement.VerbId).HasColumnName("verb_id");
        builder.Property(statement => statement.ActivityId).HasColumnName("activity_id");
        builder.Property(statement => statement.Registration).HasColumnName("registration");
        builder.Property(statement => statement.Agents).HasColumnName("agents");
        builder.Property(statement => statement.RelatedAgents).HasColumnName("related_agents");
        builder.Property(statement => statement.RelatedActivities).HasColumnName("related_activities");
        builder.Property(statement => statement.ObjectStatementId).HasColumnName("object_statement_id");
        builder.Property(statement => statement.VoidsStatementId).HasColumnName("voids_statement_id");
        builder.Property(statement => statement.IsVoided).HasColumnName("is_voided");
        builder.Property(statement => statement.CredentialId).HasColumnName("credential_id");
        builder.Property(statement => statement.TraceId).HasColumnName("trace_id");

        // Paging and "since/until" walk statements in storage order; the cursor is seq.
        builder.HasIndex(statement => statement.Sequence).IsUnique().HasDatabaseName("ix_statements_seq");
        // "since/until" bound stored, which rises with the table's physical order: a BRIN index (one summary per
        // 128 pages) finds those pages at a fraction of a B-tree's cost to maintain on every insert.
        builder.HasIndex(statement => statement.Stored).HasMethod("brin").HasDatabaseName("ix_statements_stored");
        // The commonest LRS queries: one learner's statements, one activity's, one verb's.
        builder.HasIndex(statement => statement.Agents).HasMethod("gin").HasDatabaseName("ix_statements_agents");
        builder.HasIndex(statement => statement.ActivityId).HasDatabaseName("ix_statements_activity");
        builder.HasIndex(statement => statement.VerbId).HasDatabaseName("ix_statements_verb");
        builder.HasIndex(statement => statement.Registration).HasFilter("registration IS NOT NULL").HasDatabaseName("ix_statements_registration");
        // Filtered GETs also return statements referring to a match (Communication 2.1.3): walks refs from their targets.
        builder.HasIndex(statement => statement.ObjectStatementId).HasFilter("object_statement_id IS NOT NULL").HasDatabaseName("ix_statements_object_statement");
        // A target may arrive after its voiding statement: storing it looks its voider up here.
        builder.HasIndex(statement => statement.VoidsStatementId).HasFilter("voids_statement_id IS NOT NULL").HasDatabaseName("ix_statements_voids");
    }
}
