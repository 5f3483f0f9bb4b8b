using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Ingest.Api.Infrastructure;

internal static class IngestContextOptions
{
    /// <summary>The history table lives in our own schema, so other owners' migrations never see it.</summary>
    public static void Configure(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(IngestContext.MigrationsHistoryTable, IngestContext.Schema);
}
