using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Normalizer.Worker.Infrastructure;

internal static class NormalizerContextOptions
{
    /// <summary>The history table lives in our own schema, so other owners' migrations never see it.</summary>
    public static void Configure(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(NormalizerContext.MigrationsHistoryTable, NormalizerContext.Schema);
}
