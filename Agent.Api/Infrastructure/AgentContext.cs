using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Agent.Api.Infrastructure;

/// <summary>The agent's own schema <c>agent</c>: the audit of every exchange and the feedback on it.</summary>
public sealed class AgentContext(DbContextOptions<AgentContext> options) : DbContext(options)
{
    public const string Schema = "agent";
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<Exchange> Exchanges => Set<Exchange>();

    public DbSet<Feedback> Feedback => Set<Feedback>();

    public static void Configure(NpgsqlDbContextOptionsBuilder npgsql) => npgsql.MigrationsHistoryTable(MigrationsHistoryTable, Schema);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<Exchange>(exchange =>
        {
            exchange.ToTable("exchanges");
            exchange.Property(e => e.Id).HasColumnName("id");
            exchange.Property(e => e.ConversationId).HasColumnName("conversation_id").HasMaxLength(100);
            exchange.Property(e => e.AskedAt).HasColumnName("asked_at");
            exchange.Property(e => e.Question).HasColumnName("question");
            exchange.Property(e => e.Engine).HasColumnName("engine");
            exchange.Property(e => e.Provenance).HasColumnName("provenance");
            exchange.Property(e => e.Outcome).HasColumnName("outcome");
            exchange.Property(e => e.Sql).HasColumnName("sql");
            exchange.Property(e => e.Parameters).HasColumnName("parameters").HasColumnType("jsonb");
            exchange.Property(e => e.RowCount).HasColumnName("row_count");
            exchange.Property(e => e.DurationMs).HasColumnName("duration_ms");
            exchange.Property(e => e.Intent).HasColumnName("intent").HasColumnType("jsonb");
            exchange.Property(e => e.UserName).HasColumnName("user_name").HasMaxLength(256);
            exchange.Property(e => e.Answer).HasColumnName("answer").HasColumnType("jsonb");
            // A conversation's latest exchange is what a follow-up reads.
            exchange.HasIndex(e => new { e.ConversationId, e.AskedAt }).HasDatabaseName("ix_exchanges_conversation_id_asked_at");
            // A person's conversations, latest first.
            exchange.HasIndex(e => new { e.UserName, e.AskedAt }).HasDatabaseName("ix_exchanges_user_name_asked_at");
            exchange.HasMany(e => e.Feedback).WithOne().HasForeignKey(f => f.ExchangeId);
        });
        modelBuilder.Entity<Feedback>(feedback =>
        {
            feedback.ToTable("feedback");
            feedback.Property(f => f.Id).HasColumnName("id");
            feedback.Property(f => f.ExchangeId).HasColumnName("exchange_id");
            feedback.Property(f => f.Helpful).HasColumnName("helpful");
            feedback.Property(f => f.Reason).HasColumnName("reason").HasMaxLength(2000);
            feedback.Property(f => f.CreatedAt).HasColumnName("created_at");
            feedback.HasIndex(f => f.ExchangeId).HasDatabaseName("ix_feedback_exchange_id");
        });
    }
}
