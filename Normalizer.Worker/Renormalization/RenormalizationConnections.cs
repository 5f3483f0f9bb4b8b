using Npgsql;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Renormalization;

/// <summary>
/// The connections a re-normalization runs on: the normalizer's login switched to the analysis schema's owner role
/// (<see cref="DatabaseRoles.AnalysisOwner"/>), which may create the shadow schema, fill it and swap it in. The
/// workers' writes keep running with the login's own privileges, which change no schema.
/// </summary>
internal sealed class RenormalizationConnections(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Registers them with the services that run a re-normalization (the worker and the <c>renormalize</c> command).</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(provider => Create(
            provider.GetRequiredService<IConfiguration>().GetConnectionString(ResourceNames.Database)
                ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.Database} is not configured."),
            provider.GetRequiredService<IHostEnvironment>().ApplicationName));
        services.AddSingleton<StatementWatermark>();
        services.AddSingleton<Renormalizer>();
    }

    private static RenormalizationConnections Create(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = $"{applicationName} (re-normalization)",
            Options = $"-c role={DatabaseRoles.AnalysisOwner}",
        };
        return new RenormalizationConnections(new NpgsqlDataSourceBuilder(builder.ConnectionString).Build());
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
