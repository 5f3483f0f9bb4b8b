using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ingest.Tests;

/// <summary>
/// The process-wide limit on secret verifications, over HTTP against a real ingest-api configured with one
/// verification at a time and one waiting: a burst of distinct wrong secrets (each from an address and with a key of
/// its own, so the failed-login throttle holds none back) is partly refused at once, without hashing, while a client
/// whose credential is cached is answered at once.
/// </summary>
[Collection(IngestCollection.Name)]
public sealed class SecretVerificationLimitTests(IngestFixture ingest, ITestOutputHelper output)
{
    private const int Burst = 24;

    [Fact]
    public async Task A_burst_of_wrong_secrets_gets_fast_503s_beyond_the_configured_limit_while_a_cached_credential_is_answered_at_once()
    {
        await using var replica = await IngestReplica.StartAsync(ingest, new Dictionary<string, string>
        {
            ["SecretVerification__MaxConcurrent"] = "1",
            ["SecretVerification__QueueLimit"] = "1",
        });
        var (key, secret) = await ingest.CreateCredentialAsync("cached-during-burst", "all");
        // The replica caches only while its change listener is connected (one per process).
        await Eventually.HoldsAsync(async () => await ingest.ScalarAsync<int>(
            "SELECT count(*)::int FROM pg_stat_activity WHERE application_name LIKE $1", "Ingest%" + SevenTaps.Security.ChangeListener.ApplicationNameSuffix) == 2);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Burst + 1 };
        using var http = new HttpClient(handler) { BaseAddress = replica.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var address = 0;
        using (var verified = await SendAsync(key, secret))
        {
            Assert.Equal(HttpStatusCode.OK, verified.Response.StatusCode);
        }

        var burst = Enumerable.Range(0, Burst).Select(_ => SendAsync("guess-" + Guid.NewGuid().ToString("N")[..16], "wrong-secret")).ToList();
        await Task.Delay(50);
        using var cached = await SendAsync(key, secret);
        var answers = await Task.WhenAll(burst);

        try
        {
            Assert.Equal(HttpStatusCode.OK, cached.Response.StatusCode);
            var refused = answers.Where(answer => answer.Response.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
            var verifiedWrong = answers.Where(answer => answer.Response.StatusCode == HttpStatusCode.Unauthorized).ToList();
            Assert.True(refused.Count + verifiedWrong.Count == Burst, string.Join(", ", answers.Select(answer => (int)answer.Response.StatusCode)));
            Assert.NotEmpty(refused);
            Assert.NotEmpty(verifiedWrong);
            // Each 401 cost at least one PBKDF2; a refusal and the cached credential cost none.
            var fastestVerification = verifiedWrong.Min(answer => answer.Elapsed);
            var summary = $"401s from {fastestVerification.TotalMilliseconds:F0} ms ({verifiedWrong.Count}); 503s median " +
                          $"{Median(refused).TotalMilliseconds:F0} ms ({refused.Count}); cached {cached.Elapsed.TotalMilliseconds:F0} ms";
            output.WriteLine(summary);
            Assert.True(Median(refused) < fastestVerification, summary);
            Assert.True(cached.Elapsed < fastestVerification, summary);
            foreach (var refusal in refused)
            {
                Assert.Equal(TimeSpan.FromSeconds(1), refusal.Response.Headers.RetryAfter?.Delta);
                Assert.Equal("application/problem+json", refusal.Response.Content.Headers.ContentType?.MediaType);
                using var problem = JsonDocument.Parse(await refusal.Response.Content.ReadAsStringAsync());
                Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
                Assert.Equal("Too many logins at once", problem.RootElement.GetProperty("title").GetString());
            }
        }
        finally
        {
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }

        async Task<Answer> SendAsync(string credentialKey, string credentialSecret)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/xapi/statements?limit=1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentialKey}:{credentialSecret}")));
            request.Headers.Add("X-Experience-API-Version", "1.0.3");
            // An address of its own per request: the per-address throttle holds none of them back.
            var next = Interlocked.Increment(ref address);
            request.Headers.Add("X-Forwarded-For", $"198.19.{next / 250}.{next % 250 + 1}");
            var watch = Stopwatch.StartNew();
            var response = await http.SendAsync(request);
            return new Answer(response, watch.Elapsed);
        }

        static TimeSpan Median(List<Answer> answers) => answers.Select(answer => answer.Elapsed).Order().ElementAt(answers.Count / 2);
    }

    private sealed record Answer(HttpResponseMessage Response, TimeSpan Elapsed) : IDisposable
    {
        public void Dispose() => Response.Dispose();
    }
}
