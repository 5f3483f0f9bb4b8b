using Npgsql;

namespace SevenTaps.AppHost.Hosting;

/// <summary>A database on a <see cref="PostgresServerResource"/>, created when missing. Services reference this, not the server.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresServerResource server) : Resource(name), IResourceWithConnectionString
{
    public PostgresServerResource Server => server;

    public string ConnectionName => Name;

    public override string Endpoint
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(server.State == ResourceState.Running ? GetConnectionString() : "");
            return $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{Name}";
        }
    }

    public override IEnumerable<Resource> Dependencies => base.Dependencies.Append(server);

    public string GetConnectionString() =>
        new NpgsqlConnectionStringBuilder(server.GetConnectionString()) { Database = Name }.ConnectionString;

    internal override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.GetConnectionString()) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(Name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // Identifiers cannot be parameters; the name is one of our constants, quoted anyway.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal override Task StopAsync(ResourceContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    internal override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        server.State == ResourceState.Running || server.IsExternal
            ? PostgresServerResource.CanQueryAsync(GetConnectionString(), cancellationToken)
            : Task.FromResult(false);
}
