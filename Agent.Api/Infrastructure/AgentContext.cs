using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Agent.Api.Infrastructure;

/// <summary>
/// The agent's own schema <c>agent</c>: the audit of every exchange and the feedback on it; the SQL workbench's runs
/// (its history and stored results) and saved queries, kept here because the agent owns the guard they run through.
/// </summary>
public sealed class AgentContext(DbContextOptions<AgentContext> options) : DbContext(options)
{
    public const string Schema = DatabaseSchemas.Agent;
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<Exchange> Exchanges => Set<Exchange>();

    public DbSet<Feedback> Feedback => Set<Feedback>();

    public DbSet<WorkbenchRun> WorkbenchRuns => Set<WorkbenchRun>();

    public DbSet<SavedQuery> SavedQueries => Set<SavedQuery>();

    public DbSet<SavedQueryVersion> SavedQueryVersions => Set<SavedQueryVersion>();

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
        modelBuilder.Entity<WorkbenchRun>(run =>
        {
            run.ToTable("workbench_runs");
            run.Property(r => r.Id).HasColumnName("id");
            run.Property(r => r.RunBy).HasColumnName("run_by").HasMaxLength(256);
            run.Property(r => r.StartedAt).HasColumnName("started_at");
            run.Property(r => r.Sql).HasColumnName("sql");
            run.Property(r => r.Parameters).HasColumnName("parameters").HasColumnType("jsonb");
            run.Property(r => r.Outcome).HasColumnName("outcome").HasMaxLength(20);
            run.Property(r => r.Message).HasColumnName("message");
            run.Property(r => r.DurationMs).HasColumnName("duration_ms");
            run.Property(r => r.RowCount).HasColumnName("row_count");
            run.Property(r => r.Truncated).HasColumnName("truncated");
            run.Property(r => r.Result).HasColumnName("result").HasColumnType("jsonb");
            run.Property(r => r.SavedQueryId).HasColumnName("saved_query_id");
            run.Property(r => r.BackendPid).HasColumnName("backend_pid");
            run.Property(r => r.CancelRequestedAt).HasColumnName("cancel_requested_at");
            // The history is read newest first.
            run.HasIndex(r => r.StartedAt).HasDatabaseName("ix_workbench_runs_started_at");
        });
        modelBuilder.Entity<SavedQuery>(query =>
        {
            query.ToTable("saved_queries");
            query.Property(q => q.Id).HasColumnName("id");
            query.Property(q => q.Owner).HasColumnName("owner").HasMaxLength(256);
            query.Property(q => q.Name).HasColumnName("name").HasMaxLength(200);
            query.Property(q => q.Description).HasColumnName("description").HasMaxLength(2000);
            query.Property(q => q.Shared).HasColumnName("shared");
            query.Property(q => q.CreatedAt).HasColumnName("created_at");
            query.HasIndex(q => q.Owner).HasDatabaseName("ix_saved_queries_owner");
            query.HasMany(q => q.Versions).WithOne().HasForeignKey(v => v.QueryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SavedQueryVersion>(version =>
        {
            version.ToTable("saved_query_versions");
            version.HasKey(v => new { v.QueryId, v.Version });
            version.Property(v => v.QueryId).HasColumnName("query_id");
            version.Property(v => v.Version).HasColumnName("version");
            version.Property(v => v.Sql).HasColumnName("sql");
            version.Property(v => v.SavedAt).HasColumnName("saved_at");
            version.Property(v => v.SavedBy).HasColumnName("saved_by").HasMaxLength(256);
        });
    }
}
