using Normalizer.Worker.Streaming;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Worker.Commands;

/// <summary>Redis for the commands: dead letters live there, and analytics learns there that the tables changed.</summary>
internal static class CommandRedis
{
    public static void AddCommandRedis(this IServiceCollection services)
    {
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString(ResourceNames.Redis)
                ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.Redis} is not configured: set ConnectionStrings__{ResourceNames.Redis}.");
            var options = ConfigurationOptions.Parse(connectionString);
            // A command that only changed tables still finishes when Redis is away; the bump is then reported lost.
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton<AnalysisDataVersionBump>();
    }

    /// <summary>
    /// Tells analytics its cached answers are stale, as the workers do after each batch. Without Redis configured
    /// the cached answers expire on their own (Analytics:AnswerCacheSeconds).
    /// </summary>
    public static async Task NotifyAnalyticsAsync(IServiceProvider services)
    {
        if (services.GetRequiredService<IConfiguration>().GetConnectionString(ResourceNames.Redis) is null)
        {
            Console.WriteLine($"ConnectionStrings__{ResourceNames.Redis} is not set: cached analytics answers stay until they expire.");
            return;
        }
        await services.GetRequiredService<AnalysisDataVersionBump>().BumpAsync();
    }
}
