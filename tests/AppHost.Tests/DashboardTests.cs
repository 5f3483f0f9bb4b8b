using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SevenTaps.Contracts;

namespace AppHost.Tests;

/// <summary>
/// The Aspire dashboard is the operators' view: it shows one statement's whole trace (gateway, ingest, Redis, the
/// normalizer's writes), read here through the dashboard's own telemetry API, and it keeps its browser-token login.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private const string ApiKey = "dashboard-test-api-key";

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();
    private readonly HttpClient _telemetry = new() { Timeout = TimeSpan.FromSeconds(30) };
    private TestSystem _system = null!;
    private Uri _dashboard = null!;

    public async Task InitializeAsync()
    {
        (_system, _dashboard) = TestApplication.CreateWithDashboard(_dataDirectory, ApiKey,
            $"--SEVENTAPS_XAPI_KEY={SevenTapsSystemFixture.XapiKey}", $"--SEVENTAPS_XAPI_SECRET={SevenTapsSystemFixture.XapiSecret}");
        await _system.StartAsync();
        _telemetry.BaseAddress = _dashboard;
        _telemetry.DefaultRequestHeaders.Add("x-api-key", ApiKey);
    }

    public async Task DisposeAsync()
    {
        _telemetry.Dispose();
        await _system.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_statement_PUT_through_the_gateway_is_one_trace_from_the_request_to_the_normalized_rows()
    {
        // The trace is ours: the request carries a traceparent the gateway continues.
        var traceId = ActivityTraceId.CreateRandom();
        var id = Guid.NewGuid();
        using var gateway = new HttpClient { BaseAddress = _system.GetEndpoint(ResourceNames.Gateway) };
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/xapi/statements?statementId={id}")
        {
            Content = new StringContent($$$"""
                {"id":"{{{id}}}","actor":{"account":{"homePage":"https://7taps.com","name":"traced-learner"}},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://courses.example.com/traced/poll/1"}}
                """, System.Text.Encoding.UTF8, "application/json"),
        };
        put.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{SevenTapsSystemFixture.XapiKey}:{SevenTapsSystemFixture.XapiSecret}")));
        put.Headers.Add("X-Experience-API-Version", "1.0.3");
        put.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using (var stored = await gateway.SendAsync(put))
        {
            Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        }

        // Each service exports in its own batches, so the trace fills in over a few seconds.
        (string Service, Func<string, bool> Span, string What)[] expected =
        [
            (ResourceNames.Gateway, span => span.StartsWith("PUT /xapi", StringComparison.Ordinal), "the gateway's request"),
            (ResourceNames.IngestApi, span => span.StartsWith("PUT /xapi/statements", StringComparison.Ordinal), "ingest's request"),
            (ResourceNames.IngestApi, span => span == "XADD", "ingest's XADD to the stream"),
            (ResourceNames.NormalizerWorker, span => span == $"process {StatementStream.Key}", "the normalizer's processing"),
            (ResourceNames.NormalizerWorker, span => span.Contains("postgresql", StringComparison.Ordinal), "the normalizer's writes"),
        ];
        IReadOnlyList<(string Service, string Span)> spans = [];
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            spans = await SpansAsync(traceId.ToString());
            var missing = expected.Where(part => !spans.Any(span => span.Service == part.Service && part.Span(span.Span))).Select(part => part.What).ToList();
            if (missing.Count == 0)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"missing from the trace: {string.Join(", ", missing)}; seen: {string.Join(", ", spans)}");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task The_dashboard_keeps_its_browser_token_login()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _dashboard };
        using var response = await anonymous.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.OriginalString.Replace(_dashboard.ToString().TrimEnd('/'), "", StringComparison.Ordinal));
        using var telemetryWithoutKey = await anonymous.GetAsync("/api/telemetry/resources");
        Assert.Equal(HttpStatusCode.Unauthorized, telemetryWithoutKey.StatusCode);
    }

    private async Task<IReadOnlyList<(string Service, string Span)>> SpansAsync(string traceId)
    {
        using var response = await _telemetry.GetAsync($"/api/telemetry/spans?traceId={traceId}");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
            .SelectMany(resource =>
            {
                var service = resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                    .Single(attribute => attribute.GetProperty("key").GetString() == "service.name")
                    .GetProperty("value").GetProperty("stringValue").GetString()!;
                return resource.GetProperty("scopeSpans").EnumerateArray()
                    .SelectMany(scope => scope.GetProperty("spans").EnumerateArray())
                    .Select(span => (service, span.GetProperty("name").GetString()!));
            })
            .ToList();
    }
}
