using Npgsql;

namespace SevenTaps.AppHost.Hosting;

/// <summary>A database on a PostgreSQL server, created by AppHost when missing (on our server or an external one).</summary>
public sealed class ManagedDatabaseResource(string name, IResourceWithConnectionString server) : Resource(name), IResourceWithConnectionString
{
    public IResourceWithConnectionString Server => server;

    public string DatabaseName => Name;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{server};Database={DatabaseName}");

    internal async Task CreateIfMissingAsync(string serverConnectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = DatabaseName } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }
        // Identifiers cannot be parameters; the name is one of ours, quoted all the same.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ENCODING 'UTF8'", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        logger.LogInformation("Created database {Database}", DatabaseName);
    }
}
