using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SevenTaps.ApiKeys;

/// <summary>
/// The table <c>analytics.api_keys</c>, which every service reads and writes through <see cref="ApiKeyContext"/>; its
/// migrations sit beside it and Analytics.Api applies them.
/// </summary>
public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public const string Schema = SevenTaps.Contracts.DatabaseSchemas.Analytics;
    public const string Table = "api_keys";

    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable(Table, Schema);
        builder.HasKey(key => key.Id);
        builder.Property(key => key.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(key => key.Name).HasColumnName("name");
        builder.Property(key => key.Prefix).HasColumnName("prefix");
        builder.Property(key => key.KeyHash).HasColumnName("key_hash");
        // Keys created before scopes existed could read analytics, and still can.
        builder.Property(key => key.Scopes).HasColumnName("scopes").HasDefaultValueSql($"ARRAY['{ApiKeyScopes.Analytics}']::text[]");
        builder.Property(key => key.CreatedAt).HasColumnName("created_at");
        builder.Property(key => key.RevokedAt).HasColumnName("revoked_at");
        // Hashes are salted PBKDF2 (keys stored before were a bare SHA-256): a presented key finds its row by prefix.
        builder.HasIndex(key => key.KeyHash).IsUnique().HasDatabaseName("ix_api_keys_key_hash");
        builder.HasIndex(key => key.Prefix).HasDatabaseName("ix_api_keys_prefix");
    }
}
