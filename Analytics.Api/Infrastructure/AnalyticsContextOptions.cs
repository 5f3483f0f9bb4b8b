using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Analytics.Api.Infrastructure;

internal static class AnalyticsContextOptions
{
    public static void Configure(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(AnalyticsContext.MigrationsHistoryTable, AnalyticsContext.Schema);
}
