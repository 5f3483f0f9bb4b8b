using Npgsql;

namespace Analytics.Api.Queries;

/// <summary>
/// Connections for analytics queries: the same database, but every session runs as the read-only role
/// (<see cref="AnalysisContext.ReaderRole"/>, granted by the analysis schema's migrations) in read-only transactions, so no query of this
/// service can change data, whatever its SQL.
/// </summary>
public sealed class AnalysisReader(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource => dataSource;

    public static AnalysisReader Create(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = $"{applicationName} (reader)",
            // work_mem: the aggregates group about a million activities by learner and lesson; with PostgreSQL's
            // default 4 MB those hash tables spill to disk and take several times longer.
            Options = $"-c role={AnalysisContext.ReaderRole} -c default_transaction_read_only=on -c statement_timeout=30000 -c work_mem=64MB",
            NoResetOnClose = true,
            // Bounds the memory work_mem may claim (a few hash tables per query); more concurrent aggregates than
            // this would only queue for the same CPUs inside PostgreSQL.
            MaxPoolSize = 20,
        };
        return new AnalysisReader(new NpgsqlDataSourceBuilder(builder.ConnectionString).Build());
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
