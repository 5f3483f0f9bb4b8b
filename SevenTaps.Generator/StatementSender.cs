using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SevenTaps.Generator;

/// <summary>
/// Sends statements to a real xAPI endpoint: POST batches with HTTP Basic credentials, a few in flight.
/// A batch that meets 503 or a broken connection is sent again; statements carry their ids, so a repeat is a
/// no-op for the LRS.
/// </summary>
public sealed class StatementSender(HttpClient client, int batchSize = 500, int concurrency = 4)
{
    private const int MaxAttempts = 8;

    /// <summary>A client for an LRS whose statements resource is <c>{endpoint}statements</c> (endpoint ends in /xapi/).</summary>
    public static HttpClient CreateClient(Uri endpoint, string key, string secret)
    {
        var baseAddress = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return client;
    }

    /// <summary>Sends every statement (compact JSON, one each); returns how many were accepted.</summary>
    public async Task<long> SendAsync(IEnumerable<string> statements, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        long sent = 0;
        await Parallel.ForEachAsync(
            statements.Chunk(batchSize),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                await PostAsync(batch, token);
                var total = Interlocked.Add(ref sent, batch.Length);
                progress?.Report(total);
            });
        return sent;
    }

    private async Task PostAsync(string[] batch, CancellationToken cancellationToken)
    {
        var body = new StringBuilder(batch.Sum(statement => statement.Length + 1) + 2).Append('[').AppendJoin(',', batch).Append(']').ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await client.PostAsync("statements", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == MaxAttempts)
                {
                    throw new HttpRequestException(
                        $"The LRS refused a batch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
            catch (HttpRequestException exception) when (exception.StatusCode is null && attempt < MaxAttempts)
            {
                // Connection refused or reset: the endpoint may be restarting.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
        }
    }
}
