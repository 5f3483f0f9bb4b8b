using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingest.Api.Infrastructure.EntityConfigurations;

internal sealed class OutboxBatchConfiguration : IEntityTypeConfiguration<OutboxBatch>
{
    public void Configure(EntityTypeBuilder<OutboxBatch> builder)
    {
        // No index but the key: rows live for milliseconds, and recovery reads the few old ones in key order.
        builder.ToTable("outbox_batches");
        builder.HasKey(batch => batch.Id);
        builder.Property(batch => batch.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(batch => batch.StatementIds).HasColumnName("statement_ids");
        builder.Property(batch => batch.TraceParents).HasColumnName("traceparents");
        builder.Property(batch => batch.CreatedAt).HasColumnName("created_at");
    }
}
