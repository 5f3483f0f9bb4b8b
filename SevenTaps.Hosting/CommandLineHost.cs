using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The host a management command runs in (credentials, API keys, migrations): the service's database from
/// <c>ConnectionStrings:{name}</c>, its context, and the services the command needs. The schema is expected to be
/// migrated (AppHost does it before the services start; <see cref="MigrationCommand"/> by hand), so a command runs with
/// the service's own login as well as with the owner's.
/// </summary>
public static class CommandLineHost
{
    /// <summary>Returns null, having said why on standard error, when the connection string is missing.</summary>
    public static IHost? Create<TContext>(
        string connectionName, Action<NpgsqlDbContextOptionsBuilder> configureNpgsql, Action<IServiceCollection> configureServices)
        where TContext : DbContext
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        try
        {
            _ = builder.Configuration.GetConnectionString(connectionName) ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not configured: set ConnectionStrings__{connectionName} to the database's connection string.");
            builder.AddServiceDataSource(connectionName);
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return null;
        }
        builder.AddServiceDbContext<TContext>(configureNpgsql);
        configureServices(builder.Services);

        return builder.Build();
    }
}
