using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingest.Api.Infrastructure.EntityConfigurations;

internal sealed class StoredAttachmentConfiguration : IEntityTypeConfiguration<StoredAttachment>
{
    public void Configure(EntityTypeBuilder<StoredAttachment> builder)
    {
        builder.ToTable("attachments");
        builder.HasKey(attachment => attachment.Sha2);
        builder.Property(attachment => attachment.Sha2).HasColumnName("sha2");
        builder.Property(attachment => attachment.ContentType).HasColumnName("content_type");
        builder.Property(attachment => attachment.Length).HasColumnName("length");
        builder.Property(attachment => attachment.Content).HasColumnName("content");
    }
}
