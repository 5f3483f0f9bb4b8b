using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingest.Api.Infrastructure.EntityConfigurations;

internal sealed class OutboxEntryConfiguration : IEntityTypeConfiguration<OutboxEntry>
{
    public void Configure(EntityTypeBuilder<OutboxEntry> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(entry => entry.StatementId);
        builder.Property(entry => entry.StatementId).HasColumnName("statement_id").ValueGeneratedNever();
        builder.Property(entry => entry.TraceParent).HasColumnName("traceparent");
        builder.Property(entry => entry.CreatedAt).HasColumnName("created_at");
        // The recovery loop re-sends the oldest first.
        builder.HasIndex(entry => entry.CreatedAt).HasDatabaseName("ix_outbox_created_at");
    }
}
