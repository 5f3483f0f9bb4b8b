using System.Diagnostics;
using System.Net.Http.Headers;
using Ingest.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Normalizer.Worker;
using OpenTelemetry.Trace;
using SevenTaps.Contracts;

namespace Normalizer.Tests;

/// <summary>
/// One trace follows a statement from ingest's request through the stream into the worker's writes. Ingest and
/// the worker run in this process (real Kestrel, real PostgreSQL and Redis from the AppHost model), both
/// exporting to one in-memory list.
/// </summary>
public sealed class TraceTests : IAsyncLifetime
{
    private const string Key = "trace-key";
    private const string Secret = "trace-secret-0123456789";

    private static readonly string[] Settings =
    [
        $"ConnectionStrings__{ResourceNames.Database}",
        $"ConnectionStrings__{ResourceNames.Redis}",
        "Xapi__BootstrapCredential__Key",
        "Xapi__BootstrapCredential__Secret",
    ];

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();
    private readonly List<Activity> _exported = [];
    private TestSystem _app = null!;
    private WebApplicationFactory<IngestMarker> _ingest = null!;
    private WebApplicationFactory<NormalizerMarker> _worker = null!;

    public async Task InitializeAsync()
    {
        // The schemas these in-process services use, migrated as AppHost does before services start: their own and
        // audit's (analytics-api's migrations), where the worker records the lesson catalogue it loads at start.
        string[] migrated = [ResourceNames.IngestApi, ResourceNames.NormalizerWorker, ResourceNames.AnalyticsApi];
        _app = TestApplication.Create(_dataDirectory, "--only",
            string.Join(',', [ResourceNames.Redis, .. migrated.Select(SevenTaps.AppHost.Hosting.MigrationResource.NameFor)]));
        await _app.StartAsync();

        // Read by WebApplication.CreateBuilder itself, before the services register their clients.
        Environment.SetEnvironmentVariable(Settings[0], _app.GetConnectionString(ResourceNames.Database));
        Environment.SetEnvironmentVariable(Settings[1], _app.GetConnectionString(ResourceNames.Redis));
        Environment.SetEnvironmentVariable(Settings[2], Key);
        Environment.SetEnvironmentVariable(Settings[3], Secret);

        _ingest = Hosted(new WebApplicationFactory<IngestMarker>());
        _worker = Hosted(new WebApplicationFactory<NormalizerMarker>());
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _ingest.DisposeAsync();
        foreach (var setting in Settings)
        {
            Environment.SetEnvironmentVariable(setting, null);
        }
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task The_workers_consumer_span_and_its_writes_belong_to_the_ingest_requests_trace()
    {
        // The client's request runs under this (sampled) activity, so the trace id it propagates is known.
        using var caller = new Activity("test caller") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start();
        var traceId = caller.TraceId;
        var id = Guid.NewGuid();
        using var client = _ingest.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Key}:{Secret}")));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/xapi/statements?statementId={id}")
        {
            Content = new StringContent(TestStatements.Statement(id, "traced", TestStatements.Answered,
                TestStatements.Card("https://courses.example.com/trace", "poll", 1, "Q"), TestStatements.Start, null,
                TestStatements.Response("yes")).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        Activity? consumer = null;
        await Eventually.HoldsAsync(() =>
        {
            consumer = Spans().FirstOrDefault(span => span.Source.Name == "SevenTaps.Normalizer" && span.Kind == ActivityKind.Consumer
                && span.GetTagItem("seventaps.statement_ids") is string[] ids && ids.Contains(id.ToString()));
            return Task.FromResult(consumer is not null);
        }, seconds: 60);

        var spans = Spans();
        var server = Assert.Single(spans, span => span.Kind == ActivityKind.Server && span.TraceId == traceId);
        var producer = Assert.Single(spans, span => span.Source.Name == "SevenTaps.Ingest.Stream" && span.TraceId == traceId);
        Assert.Equal(traceId, consumer!.TraceId);
        Assert.Equal(producer.SpanId, consumer.ParentSpanId);
        Assert.Equal(server.TraceId, consumer.TraceId);
        // The rows were written under the consumer span: Npgsql's span of that write is its child.
        Assert.Contains(spans, span => span.Source.Name == "Npgsql" && span.ParentSpanId == consumer.SpanId);
    }

    private List<Activity> Spans()
    {
        lock (_exported)
        {
            // Both hosts' tracer providers listen to every source in the process: each span arrives twice.
            return _exported.DistinctBy(span => span.SpanId).ToList();
        }
    }

    private WebApplicationFactory<T> Hosted<T>(WebApplicationFactory<T> factory) where T : class
    {
        var hosted = factory.WithWebHostBuilder(host => host.ConfigureServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedCollection(_exported)))));
        hosted.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        hosted.StartServer();
        return hosted;
    }

    /// <summary>Two exporters (one per host) add from their threads while the test reads.</summary>
    private sealed class LockedCollection(List<Activity> inner) : ICollection<Activity>
    {
        public int Count { get { lock (inner) { return inner.Count; } } }

        public bool IsReadOnly => false;

        public void Add(Activity item) { lock (inner) { inner.Add(item); } }

        public void Clear() { lock (inner) { inner.Clear(); } }

        public bool Contains(Activity item) { lock (inner) { return inner.Contains(item); } }

        public void CopyTo(Activity[] array, int arrayIndex) { lock (inner) { inner.CopyTo(array, arrayIndex); } }

        public bool Remove(Activity item) { lock (inner) { return inner.Remove(item); } }

        public IEnumerator<Activity> GetEnumerator() { lock (inner) { return inner.ToList().GetEnumerator(); } }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
