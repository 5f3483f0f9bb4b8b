using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SevenTaps.Audit;

/// <summary>The table <c>audit.records</c>: appended to, never updated.</summary>
public sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public const string Schema = SevenTaps.Contracts.DatabaseSchemas.Audit;
    public const string Table = "records";

    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable(Table, Schema);
        builder.HasKey(record => record.Id);
        builder.Property(record => record.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(record => record.At).HasColumnName("at");
        builder.Property(record => record.Action).HasColumnName("action");
        builder.Property(record => record.Target).HasColumnName("target");
        builder.Property(record => record.Outcome).HasColumnName("outcome");
        builder.Property(record => record.Detail).HasColumnName("detail");
        builder.Property(record => record.Via).HasColumnName("via");
        builder.Property(record => record.ApiKeyId).HasColumnName("api_key_id");
        builder.Property(record => record.ApiKeyName).HasColumnName("api_key_name");
        builder.Property(record => record.UserName).HasColumnName("user_name");
        builder.Property(record => record.Service).HasColumnName("service");
        // Readers page newest first (by id, which rises with time) and filter by action or target.
        builder.HasIndex(record => new { record.Action, record.Id }).HasDatabaseName("ix_records_action_id");
        builder.HasIndex(record => record.Target).HasDatabaseName("ix_records_target");
        builder.HasIndex(record => record.At).HasDatabaseName("ix_records_at");
    }
}
