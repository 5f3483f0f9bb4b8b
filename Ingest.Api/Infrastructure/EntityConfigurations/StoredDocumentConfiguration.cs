using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingest.Api.Infrastructure.EntityConfigurations;

internal sealed class StoredDocumentConfiguration : IEntityTypeConfiguration<StoredDocument>
{
    public void Configure(EntityTypeBuilder<StoredDocument> builder)
    {
        builder.ToTable("documents");
        builder.HasKey(document => document.Id);
        builder.Property(document => document.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(document => document.Kind).HasColumnName("kind");
        builder.Property(document => document.ActivityId).HasColumnName("activity_id");
        builder.Property(document => document.Agent).HasColumnName("agent");
        builder.Property(document => document.Registration).HasColumnName("registration");
        builder.Property(document => document.DocumentId).HasColumnName("document_id");
        builder.Property(document => document.Content).HasColumnName("content");
        builder.Property(document => document.ContentType).HasColumnName("content_type");
        builder.Property(document => document.ETag).HasColumnName("etag");
        builder.Property(document => document.Updated).HasColumnName("updated");
        // One document per address; a State without registration is its own address (NULLS NOT DISTINCT), and the
        // address prefix (kind, activity, agent) is the lists' and state DELETE's range.
        builder.HasIndex(document => new { document.Kind, document.ActivityId, document.Agent, document.Registration, document.DocumentId })
            .IsUnique()
            .AreNullsDistinct(false)
            .HasDatabaseName("ux_documents_address");
    }
}
