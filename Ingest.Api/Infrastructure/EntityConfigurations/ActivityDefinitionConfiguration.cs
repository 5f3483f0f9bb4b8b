using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingest.Api.Infrastructure.EntityConfigurations;

internal sealed class ActivityDefinitionConfiguration : IEntityTypeConfiguration<ActivityDefinition>
{
    public void Configure(EntityTypeBuilder<ActivityDefinition> builder)
    {
        builder.ToTable("activity_definitions");
        builder.HasKey(definition => definition.Id);
        builder.Property(definition => definition.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(definition => definition.ActivityId).HasColumnName("activity_id");
        builder.Property(definition => definition.Digest).HasColumnName("digest");
        builder.Property(definition => definition.Definition).HasColumnName("definition").HasColumnType("jsonb");
        builder.Property(definition => definition.Defined).HasColumnName("defined");
        // The upsert's conflict target, and an Activity's rows for the Activities Resource and format=canonical.
        builder.HasIndex(definition => new { definition.ActivityId, definition.Digest })
            .IsUnique()
            .HasDatabaseName("ux_activity_definitions_activity_digest");
    }
}
