using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SevenTaps.Hosting;

/// <summary>
/// Warms a new process up before it reports healthy: calls its read endpoints once in-process (<see cref="WarmUpCall"/>),
/// all at once as a dashboard page's tiles do, and runs the service's other <see cref="Step"/>s beside them. A new
/// process otherwise compiles every code path (binding, queries, serialization), opens its pooled connections and
/// prepares its statements on its first callers' time: on two cores that was most of the first page a person opened
/// after a deployment. The calls bypass authentication (nothing leaves the process) and use a filter that selects
/// next to nothing, so they cost little and cache no answer anyone asks for. What fails is logged and named in the
/// health report, and does not hold the service back; nor does a warm-up that outlasts <see cref="Timeout"/>.
/// </summary>
public sealed class StartupWarmUp(
    EndpointDataSource endpoints,
    IServiceScopeFactory scopes,
    IEnumerable<WarmUpCall> calls,
    IEnumerable<StartupWarmUp.Step> steps,
    IHostApplicationLifetime lifetime,
    ILogger<StartupWarmUp> logger) : BackgroundService, IHealthCheck
{
    public const string HealthCheckName = "warm-up";

    /// <summary>The calls' identity: no key, no scope (authorization is not run for them).</summary>
    private const string AuthenticationType = "warm-up";

    /// <summary>Longest the warm-up may take: a database that is slow to answer at start must not keep the service unhealthy.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>More warm-up beside the calls (e.g. a query that only authentication runs).</summary>
    public delegate Task Step(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Null until the warm-up is over.</summary>
    private volatile Task<HealthCheckResult>? _result;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _result ?? Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "Warming up: calling the read endpoints once."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        var failures = new Dictionary<string, object>();
        try
        {
            var byName = endpoints.Endpoints.OfType<RouteEndpoint>()
                .Where(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
                .ToDictionary(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName);
            async Task<(string Name, string? Failure)> Call(WarmUpCall call) =>
                ($"{call.EndpointName}?{call.Query}", byName.TryGetValue(call.EndpointName, out var endpoint)
                    ? await CallAsync(endpoint, call, deadline.Token)
                    : "no endpoint has this name");
            var work = calls.Select(Call)
                .Concat(steps.Select(async step => (Name: step.Method.Name, Failure: await RunAsync(step, deadline.Token))));
            foreach (var (name, failure) in await Task.WhenAll(work))
            {
                if (failure is not null)
                {
                    logger.LogWarning("Warming up {Call} failed: {Reason}", name, failure);
                    failures[name] = failure;
                }
            }
        }
        finally
        {
            var took = Stopwatch.GetElapsedTime(started);
            logger.LogInformation("Warmed up in {Milliseconds:N0} ms", took.TotalMilliseconds);
            // Healthy either way: what failed here fails for callers too, and says so; the data shows what it was.
            _result = Task.FromResult(HealthCheckResult.Healthy(
                $"Warmed up in {took.TotalMilliseconds:N0} ms, {failures.Count} of {calls.Count() + steps.Count()} calls failed.", failures));
        }
    }

    /// <summary>Calls the endpoint; the reason it failed, or null.</summary>
    private async Task<string?> CallAsync(RouteEndpoint endpoint, WarmUpCall call, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        var context = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            RequestAborted = cancellationToken,
            User = new ClaimsPrincipal(new ClaimsIdentity(AuthenticationType)),
        };
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
        context.Request.QueryString = new QueryString(call.Query.Length == 0 ? "" : "?" + call.Query.TrimStart('?'));
        foreach (var (name, value) in call.RouteValues ?? new Dictionary<string, string>())
        {
            context.Request.RouteValues[name] = value;
        }
        context.Response.Body = Stream.Null;
        context.SetEndpoint(endpoint);
        if (scope.ServiceProvider.GetService<IHttpContextAccessor>() is { } accessor)
        {
            accessor.HttpContext = context;
        }
        try
        {
            await endpoint.RequestDelegate!(context);
            return context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? $"answered {context.Response.StatusCode}" : null;
        }
        catch (Exception exception)
        {
            // Whatever went wrong, the warm-up must not stop the host (a background service's exception would).
            return exception.Message;
        }
    }

    /// <summary>
    /// Waits for the server to have started: its endpoints are built then, after every hosted service registered before
    /// it has started; a warm-up that read them sooner would find none.
    /// </summary>
    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var whenStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var whenStopped = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs the step; the reason it failed, or null.</summary>
    private async Task<string?> RunAsync(Step step, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await step(scope.ServiceProvider, cancellationToken);
            return null;
        }
        catch (Exception exception)
        {
            // Whatever went wrong, the warm-up must not stop the host (a background service's exception would).
            return exception.Message;
        }
    }
}
