using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace SevenTaps.Analysis;

public static class AnalysisContextOptions
{
    /// <summary>The history table lives in our own schema, so other owners' migrations never see it.</summary>
    public static void Configure(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(AnalysisContext.MigrationsHistoryTable, AnalysisSchema.Name);
}
