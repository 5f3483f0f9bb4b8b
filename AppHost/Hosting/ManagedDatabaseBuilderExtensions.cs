using HealthChecks.NpgSql;

namespace SevenTaps.AppHost.Hosting;

public static class ManagedDatabaseBuilderExtensions
{
    /// <summary>
    /// A database on <paramref name="server"/> (one AppHost runs, or an external one), created when missing as soon
    /// as the server is healthy, and given its roles and grants before it reports running, so every migration and
    /// service that waits for it finds its login. Its connection string is the server's with <c>Database</c> set; the
    /// roles' passwords are generated into <paramref name="secretsDirectory"/>.
    /// </summary>
    public static IResourceBuilder<ManagedDatabaseResource> AddPostgresDatabase(
        this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> server, string name, string secretsDirectory)
    {
        var database = new ManagedDatabaseResource(name, server.Resource, secretsDirectory);
        var healthCheck = $"{name}_check";
        string? connectionString = null;
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new NpgSqlHealthCheck(new NpgSqlHealthCheckOptions(connectionString ?? throw new InvalidOperationException($"{name} is not created yet."))),
            failureStatus: null, tags: null, timeout: TimeSpan.FromSeconds(5)));

        return builder.AddResource(database)
            .WithParentRelationship(server.Resource)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithIconName("Database")
            .WithHealthCheck(healthCheck)
            .OnInitializeResource(async (resource, initialize, cancellationToken) =>
            {
                await initialize.Notifications.WaitForResourceHealthyAsync(server.Resource.Name, cancellationToken);
                await initialize.Notifications.PublishUpdateAsync(resource, state => state with { State = KnownResourceStates.Starting });
                var serverConnectionString = await server.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"{server.Resource.Name} has no connection string.");
                await resource.CreateIfMissingAsync(serverConnectionString, initialize.Logger, cancellationToken);
                await resource.ApplyAccessAsync(cancellationToken);
                connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
                await initialize.Eventing.PublishAsync(new ConnectionStringAvailableEvent(resource, initialize.Services), cancellationToken);
                await initialize.Notifications.PublishUpdateAsync(resource, state => state with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                });
            });
    }
}
