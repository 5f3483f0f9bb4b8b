using Npgsql;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// A database on a PostgreSQL server, created by AppHost when missing (on our server or an external one), with its
/// roles and grants (<see cref="DatabaseAccess"/>). Its own connection string is the server's administrative login;
/// services and migrations get one of the database's roles instead (<see cref="ConnectionStringForAsync"/>).
/// </summary>
public sealed class ManagedDatabaseResource(string name, IResourceWithConnectionString server, string secretsDirectory) : Resource(name), IResourceWithConnectionString
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

    /// <summary>Creates or corrects the database's roles, ownership and grants, as the administrative login.</summary>
    internal async Task ApplyAccessAsync(CancellationToken cancellationToken)
    {
        var administrator = new NpgsqlConnectionStringBuilder(await ConnectionStringExpression.GetValueAsync(cancellationToken)) { Pooling = false };
        await using var connection = new NpgsqlConnection(administrator.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await DatabaseAccess.ApplyAsync(connection, PasswordOf, cancellationToken);
    }

    /// <summary>This database's connection string logged in as <paramref name="role"/>, whose password AppHost generated.</summary>
    public async Task<string> ConnectionStringForAsync(string role, CancellationToken cancellationToken) =>
        new NpgsqlConnectionStringBuilder(await ConnectionStringExpression.GetValueAsync(cancellationToken))
        {
            Username = role,
            Password = PasswordOf(role),
        }.ConnectionString;

    /// <summary>Where the role's password is kept, in the data directory's secrets (e.g. <c>postgres-seventaps_ingest.password</c>).</summary>
    public static string PasswordFile(string role) => $"postgres-{role}.password";

    private string PasswordOf(string role) => Secret.ReadOrCreate(secretsDirectory, PasswordFile(role));
}
