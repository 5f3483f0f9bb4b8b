using SevenTaps.Contracts;

namespace SevenTaps.AppHost.Hosting;

/// <summary>How services and migrations reach the database: each with a login of its own, never the server's administrator.</summary>
public static class DatabaseLoginExtensions
{
    /// <summary>
    /// <c>ConnectionStrings__{connectionName}</c> logged in as <paramref name="role"/> (the shape <c>WithReference</c>
    /// gives, with the role's user name and password), shown as a reference to the database.
    /// </summary>
    public static IResourceBuilder<T> WithDatabaseLogin<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<ManagedDatabaseResource> database, string role, string connectionName = ResourceNames.Database)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        builder.WithReferenceRelationship(database.Resource)
            .WaitFor(database)
            .WithEnvironment(async context =>
                context.EnvironmentVariables[$"ConnectionStrings__{connectionName}"] = await database.Resource.ConnectionStringForAsync(role, context.CancellationToken));

    /// <summary>
    /// Runs <typeparamref name="TProject"/>'s <c>migrate</c> command with the owner's login once the database and its
    /// roles exist (<see cref="MigrationResource"/>).
    /// </summary>
    public static IResourceBuilder<MigrationResource> AddMigrations<TProject>(
        this IDistributedApplicationBuilder builder, string service, string homeDirectory, IResourceBuilder<ManagedDatabaseResource> database)
        where TProject : IProjectMetadata, new()
    {
        var (projectDirectory, entryAssembly) = ServiceBuilderExtensions.BuildOutput<TProject>();
        var launch = OsUserLaunch.For(ServiceBuilderExtensions.OsUser, "dotnet", resetEnvironment: false);
        return builder.AddResource(new MigrationResource(MigrationResource.NameFor(service), launch.Command, projectDirectory))
            .WithArgs(context =>
            {
                ServiceBuilderExtensions.AddLaunchArguments(context, launch, entryAssembly);
                context.Args.Add("migrate");
            })
            .WithDatabaseLogin(database, DatabaseRoles.Owner)
            .WithEnvironment("HOME", homeDirectory)
            .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithIconName("DatabaseArrowUp");
    }

    /// <summary>Waits until every migration has finished successfully.</summary>
    public static IResourceBuilder<T> WaitForMigrations<T>(this IResourceBuilder<T> builder, IEnumerable<IResourceBuilder<MigrationResource>> migrations)
        where T : IResourceWithWaitSupport
    {
        foreach (var migration in migrations)
        {
            builder.WaitForCompletion(migration);
        }
        return builder;
    }
}
