using System.Net;
using SevenTaps.Contracts;

namespace AppHost.Tests;

/// <summary>The whole system, started once through AppHost's entry point for the tests of the "system" collection.</summary>
public sealed class SevenTapsSystemFixture : IAsyncLifetime
{
    public const string XapiKey = "e2e-key-0001";
    public const string XapiSecret = "e2e-secret-0001";
    public const string AdminApiKey = "sta_e2e-admin-key-0001";

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    public TestSystem App { get; private set; } = null!;

    /// <summary>AppHost's data directory: the generated passwords are in its <c>secrets</c>.</summary>
    public string DataDirectory => _dataDirectory;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = TestApplication.Create(_dataDirectory, $"--SEVENTAPS_XAPI_KEY={XapiKey}", $"--SEVENTAPS_XAPI_SECRET={XapiSecret}",
            $"--SEVENTAPS_API_KEY={AdminApiKey}");
        await App.StartAsync();
        Gateway = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await App.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>An xAPI request with the test credential and version header.</summary>
    public HttpRequestMessage XapiRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{XapiKey}:{XapiSecret}")));
        request.Headers.Add("X-Experience-API-Version", "1.0.3");
        return request;
    }

    public async Task<HttpResponseMessage> PutStatementAsync(Guid id)
    {
        var statement = $$$"""
            {"id":"{{{id}}}","actor":{"account":{"homePage":"https://7taps.com","name":"e2e-learner"}},
             "verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://courses.example.com/l1/poll/1"}}
            """;
        using var put = XapiRequest(HttpMethod.Put, $"/xapi/statements?statementId={id}");
        put.Content = new StringContent(statement, System.Text.Encoding.UTF8, "application/json");
        return await Gateway.SendAsync(put);
    }

    /// <summary>A new API key with the given scopes, made through the analytics admin API with the admin key.</summary>
    public async Task<string> CreateApiKeyAsync(string name, params string[] scopes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{PublicRoutes.Analytics}/admin/api-keys")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name, scopes }),
        };
        request.Headers.Authorization = new("Bearer", AdminApiKey);
        using var response = await Gateway.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("secret").GetString()!;
    }

    public Task WaitForGatewayHealthyAsync() =>
        SystemProcesses.WaitUntilAsync(async () =>
        {
            using var response = await Gateway.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(90), "the gateway reports every backend healthy");
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SevenTapsSystemFixture>
{
    public const string Name = "system";
}
