using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The host a management command runs in (credentials, API keys): the service's database from
/// <c>ConnectionStrings:{name}</c>, its context with migrations applied, and the services the command needs.
/// </summary>
public static class CommandLineHost
{
    /// <summary>Returns null, having said why on standard error, when the connection string is missing.</summary>
    public static async Task<IHost?> CreateAsync<TContext>(
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
            await Console.Error.WriteLineAsync(exception.Message);
            return null;
        }
        builder.AddServiceDbContext<TContext>(configureNpgsql);
        configureServices(builder.Services);

        var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync();
        return host;
    }
}
