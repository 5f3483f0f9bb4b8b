using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingest.Api.Infrastructure.EntityConfigurations;

internal sealed class LrsCredentialConfiguration : IEntityTypeConfiguration<LrsCredential>
{
    public void Configure(EntityTypeBuilder<LrsCredential> builder)
    {
        builder.ToTable("credentials");
        builder.HasKey(credential => credential.Id);
        builder.Property(credential => credential.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(credential => credential.Name).HasColumnName("name");
        builder.Property(credential => credential.Key).HasColumnName("key");
        builder.Property(credential => credential.SecretHash).HasColumnName("secret_hash");
        builder.Property(credential => credential.Scopes).HasColumnName("scopes");
        builder.Property(credential => credential.CreatedAt).HasColumnName("created_at");
        builder.Property(credential => credential.RevokedAt).HasColumnName("revoked_at");
        // Every request authenticates by key.
        builder.HasIndex(credential => credential.Key).IsUnique().HasDatabaseName("ix_credentials_key");
    }
}
