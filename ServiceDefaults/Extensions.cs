using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Aspire's service defaults, as its project template holds them: OpenTelemetry, health checks, service discovery
/// and resilient HTTP clients for every SevenTaps process. Two choices of ours: our own ActivitySources and Meters
/// (<c>SevenTaps.*</c>) are exported too, and the health endpoints are mapped in every environment, as a JSON
/// report, because the gateway aggregates them.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string LiveTag = "live";

    /// <summary>Our own ActivitySources and Meters all start with this prefix.</summary>
    public const string TelemetryPrefix = "SevenTaps";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        ForwardedHeadersFirst.AddTo(builder.Services);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter($"{TelemetryPrefix}.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource($"{TelemetryPrefix}.*")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes run every few seconds; tracing them would drown the traces people look for.
                    options.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation(options =>
                    options.FilterHttpRequestMessage = request => !IsHealthProbe(request.RequestUri?.AbsolutePath)));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check, JSON) and <c>/alive</c> (liveness only) in every environment:
    /// AppHost waits on them and the gateway aggregates them. They reveal statuses, never
    /// exception details.
    /// </summary>
    /// <param name="app">The service.</param>
    /// <param name="showHealthDetails">
    /// Whether a caller may see each check of <c>/health</c>; without it everyone may (a service's own port is reached
    /// only by AppHost and the other services). The others see the overall status alone.
    /// </param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, Func<HttpContext, Task<bool>>? showHealthDetails = null)
    {
        // Anonymous even where a service requires sign-in everywhere else (the dashboard's fallback policy):
        // AppHost and the gateway probe them without credentials.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            ResponseWriter = showHealthDetails is null
                ? HealthReportWriter.WriteAsync
                : async (context, report) => await HealthReportWriter.WriteAsync(context, report, await showHealthDetails(context)),
        }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    private static bool IsHealthProbe(string? path) =>
        path is not null
        && (path.StartsWith(HealthEndpointPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase));
}
