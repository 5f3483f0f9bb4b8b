using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Api.Infrastructure.EntityConfigurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(key => key.Id);
        builder.Property(key => key.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(key => key.Name).HasColumnName("name");
        builder.Property(key => key.Prefix).HasColumnName("prefix");
        builder.Property(key => key.KeyHash).HasColumnName("key_hash");
        builder.Property(key => key.CreatedAt).HasColumnName("created_at");
        builder.Property(key => key.RevokedAt).HasColumnName("revoked_at");
        // Every request looks its key up by hash.
        builder.HasIndex(key => key.KeyHash).IsUnique().HasDatabaseName("ix_api_keys_key_hash");
    }
}
