using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace SevenTaps.Audit;

/// <summary>
/// The audit table (<c>audit.records</c>) and its migrations. Every service that writes records applies them at
/// start-up (migrations take a shared advisory lock, so replicas and services starting together apply them once), and
/// so does every management command, so the table exists wherever an action can be taken.
/// </summary>
public sealed class AuditContext(DbContextOptions<AuditContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<AuditRecord> Records => Set<AuditRecord>();

    /// <summary>The migrations' history lives in the schema they create.</summary>
    public static void ConfigureMigrations(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(MigrationsHistoryTable, AuditRecordConfiguration.Schema);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(AuditRecordConfiguration.Schema);
        modelBuilder.ApplyConfiguration(new AuditRecordConfiguration());
    }
}
