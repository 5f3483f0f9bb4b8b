using Ingest.Api.Infrastructure.EntityConfigurations;
using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace Ingest.Api.Infrastructure;

/// <summary>
/// The raw statement store and the documents, schema <c>xapi</c>. Ingest owns it and applies its migrations at start-up.
/// EF Core defines the schema; the hot paths (insert, query) are hand-written SQL over the same tables.
/// </summary>
public sealed class IngestContext(DbContextOptions<IngestContext> options) : DbContext(options)
{
    public const string Schema = DatabaseSchemas.Xapi;
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<StoredStatement> Statements => Set<StoredStatement>();

    public DbSet<OutboxBatch> Outbox => Set<OutboxBatch>();

    public DbSet<StoredAttachment> Attachments => Set<StoredAttachment>();

    public DbSet<LrsCredential> Credentials => Set<LrsCredential>();

    public DbSet<StoredDocument> Documents => Set<StoredDocument>();

    public DbSet<ActivityDefinition> ActivityDefinitions => Set<ActivityDefinition>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfiguration(new StoredStatementConfiguration());
        modelBuilder.ApplyConfiguration(new OutboxBatchConfiguration());
        modelBuilder.ApplyConfiguration(new StoredAttachmentConfiguration());
        modelBuilder.ApplyConfiguration(new LrsCredentialConfiguration());
        modelBuilder.ApplyConfiguration(new StoredDocumentConfiguration());
        modelBuilder.ApplyConfiguration(new ActivityDefinitionConfiguration());
    }
}
