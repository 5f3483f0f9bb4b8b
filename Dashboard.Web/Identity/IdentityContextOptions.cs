using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Dashboard.Web.Identity;

internal static class IdentityContextOptions
{
    public static void Configure(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(IdentityContext.MigrationsHistoryTable, IdentityContext.Schema);
}
