using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SevenTaps.Contracts;

namespace Dashboard.Tests;

/// <summary>The admin endpoints the pages call, over HTTP: only keys with the admin scope may use them.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AdminApiTests(DashboardFixture dashboard)
{
    [Theory]
    [InlineData(ResourceNames.AnalyticsApi, "/api/analytics/admin/api-keys")]
    [InlineData(ResourceNames.IngestApi, "/api/ingest/credentials")]
    public async Task Admin_endpoints_refuse_requests_without_a_key_or_without_the_admin_scope(string service, string path)
    {
        var database = dashboard.App.GetConnectionString(ResourceNames.Database);
        var analyticsKey = await TestApiKeys.CreateAsync(database, "analytics-only", "analytics");
        var adminKey = await TestApiKeys.CreateAsync(database, "admin", "admin");
        using var http = new HttpClient { BaseAddress = dashboard.App.GetEndpoint(service) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Get, path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Get, path, analyticsKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Post, path, analyticsKey, new { name = "x", scopes = new[] { "analytics" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, path, adminKey)).StatusCode);
        // Hostile or wrong input is a 400 naming the field, not a 500.
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(http, HttpMethod.Post, path, adminKey, new { name = "", scopes = new[] { "analytics" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(http, HttpMethod.Post, path, adminKey, new { name = "x", scopes = new[] { "everything" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(http, HttpMethod.Post, path, adminKey, new { name = new string('x', 5000), scopes = new[] { "analytics" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Delete, path + "/no-such-key", adminKey)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return await http.SendAsync(request);
    }
}
