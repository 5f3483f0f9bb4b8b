using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SevenTaps.Hosting;

namespace Microsoft.Extensions.Hosting;

public static class StartupWarmUpExtensions
{
    /// <summary>
    /// Calls <paramref name="calls"/> once in-process when the service starts (with <paramref name="steps"/> beside
    /// them); <c>/health</c> reports unhealthy until they have answered.
    /// </summary>
    public static IHostApplicationBuilder AddStartupWarmUp(this IHostApplicationBuilder builder, IEnumerable<WarmUpCall> calls, params StartupWarmUp.Step[] steps)
    {
        foreach (var call in calls)
        {
            builder.Services.AddSingleton(call);
        }
        foreach (var step in steps)
        {
            builder.Services.AddSingleton(step);
        }
        builder.Services.AddSingleton<StartupWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StartupWarmUp>());
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            StartupWarmUp.HealthCheckName, services => services.GetRequiredService<StartupWarmUp>(), HealthStatus.Unhealthy, tags: null));
        return builder;
    }
}
