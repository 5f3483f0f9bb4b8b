using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SevenTaps.ApiKeys;

namespace Analytics.Tests;

/// <summary>
/// Over HTTP, as every API-key service answers: keys its process is too busy to verify get 503 with Retry-After and a
/// problem document, at once and unchecked; the others are checked (401 for these wrong keys). A web host with the
/// services' own API key scheme over the real key table, one verification at a time and none waiting.
/// </summary>
[Collection(AnalyticsCollection.Name)]
public sealed class ApiKeyVerificationLimitTests(AnalyticsFixture analytics)
{
    [Fact]
    public async Task Keys_beyond_the_verification_limit_are_refused_with_503_and_Retry_After_without_being_checked()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecretVerification:MaxConcurrent"] = "1",
            ["SecretVerification:QueueLimit"] = "0",
            ["SecretVerification:RetryAfter"] = "00:00:02",
        });
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(analytics.DatabaseConnectionString));
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthorization();
        builder.AddApiKeyScheme();
        await using var app = builder.Build();
        app.MapGet("/probe", () => "checked").RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        // Distinct wrong keys (no verification to share), all at once: fewer than the failures that hold an address back.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/probe");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyStore.KeyPrefix + Guid.NewGuid().ToString("N"));
            using var response = await client.SendAsync(request);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.Contains(answers, answer => answer.StatusCode == HttpStatusCode.Unauthorized);
        var refused = answers.Where(answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, answer =>
        {
            Assert.Equal(TimeSpan.FromSeconds(2), answer.RetryAfter);
            Assert.Equal("application/problem+json", answer.MediaType);
            Assert.Contains("Too many logins at once", answer.Body);
        });
        Assert.All(answers, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.ServiceUnavailable }));
    }
}
