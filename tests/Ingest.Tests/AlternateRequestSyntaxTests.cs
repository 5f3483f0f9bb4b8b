using SevenTaps.Contracts;

namespace Ingest.Tests;

/// <summary>The 1.0.3 alternate request syntax: everything travels in a form POSTed with ?method=.</summary>
[Collection(IngestCollection.Name)]
public sealed class AlternateRequestSyntaxTests(IngestFixture ingest)
{
    // Like IE's XDomainRequest: no Authorization or version header of its own.
    private readonly HttpClient _bare = ingest.Client(key: null, version: null);

    private static string Authorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IngestFixture.Key}:{IngestFixture.Secret}"));

    [Fact]
    public async Task PUT_through_the_form_stores_the_statement_and_GET_through_the_form_finds_it()
    {
        var id = Guid.NewGuid();
        var statement = Statements.Simple(id, response: "sent through a form");

        using var put = await _bare.PostAsync("/xapi/statements?method=PUT", Form(new()
        {
            ["statementId"] = id.ToString(),
            ["content"] = statement.ToJsonString(),
            ["Content-Type"] = "application/json",
        }));
        Assert.True(put.StatusCode == HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());

        using var get = await _bare.PostAsync("/xapi/statements?method=GET", Form(new() { ["statementId"] = id.ToString() }));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("sent through a form", JsonNode.Parse(await get.Content.ReadAsStringAsync())!["result"]!["response"]!.GetValue<string>());
    }

    [Fact]
    public async Task POST_through_the_form_returns_the_ids()
    {
        var statements = new JsonArray(Statements.Simple(), Statements.Simple());

        using var response = await _bare.PostAsync("/xapi/statements?method=POST", Form(new() { ["content"] = statements.ToJsonString() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Count);
    }

    [Fact]
    public async Task Credentials_in_the_form_are_checked()
    {
        using var response = await _bare.PostAsync("/xapi/statements?method=GET", Form(new()
        {
            ["statementId"] = Guid.NewGuid().ToString(),
            ["Authorization"] = "Basic " + Convert.ToBase64String("nobody:wrong"u8.ToArray()),
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Other_query_parameters_than_method_are_rejected()
    {
        using var response = await _bare.PostAsync($"/xapi/statements?method=GET&statementId={Guid.NewGuid()}", Form(new()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("only query parameter", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_method_is_rejected()
    {
        using var response = await _bare.PostAsync("/xapi/statements?method=PATCH", Form(new()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task xAPI_2_requests_cannot_use_it()
    {
        using var response = await _bare.PostAsync("/xapi/statements?method=GET", Form(new() { ["X-Experience-API-Version"] = "2.0.0" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2.0", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_Authorization_header_on_a_form_is_answered_401_like_any_failed_login()
    {
        using var client = From("198.51.100.1", key: "nobody-1");

        using var response = await client.PostAsync("/xapi/statements?method=PUT", new LargeForm(1024 * 1024));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic realm", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_form_that_carries_its_own_credentials_is_read_only_up_to_its_cap()
    {
        using var client = From("198.51.100.2", key: null);

        // Declared too long: refused before anything is read (with Expect: 100-continue the body is never even sent).
        using var declared = await client.PostAsync("/xapi/statements?method=PUT", new LargeForm(3 * 1024 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Contains("Authorization header", await declared.Content.ReadAsStringAsync());

        // Not declared (chunked): reading stops at the cap; the answer is 413, or the connection closes before the client
        // has sent the rest (which also proves the server stopped reading).
        var chunked = await OutcomeAsync(client, new LargeForm(3 * 1024 * 1024, declareLength: false));
        Assert.Contains(chunked, new[] { "413", "closed" });
    }

    [Fact]
    public async Task Fifty_unauthenticated_30_MB_forms_leave_ingest_memory_flat()
    {
        var pid = (await ingest.App.ProcessIdAsync(ResourceNames.IngestApi))!.Value;
        var peakBefore = PeakResidentBytes(pid);

        // Half with a wrong Authorization header, half with the credentials inside the form; ten at a time, each from an
        // address and with a key of its own (so the failed-login throttle, which would answer 429 unread, stays out of it).
        var outcomes = new List<string>();
        foreach (var round in Enumerable.Range(0, 5))
        {
            outcomes.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(async request =>
            {
                var number = round * 10 + request;
                using var client = From($"198.51.101.{number}", key: request % 2 == 0 ? $"nobody-{number}" : null);
                return await OutcomeAsync(client, new LargeForm(30 * 1024 * 1024, declareLength: request % 4 != 1));
            })));
        }

        Assert.All(outcomes, outcome => Assert.Contains(outcome, new[] { "401", "413", "closed" }));
        Assert.Equal(pid, await ingest.App.ProcessIdAsync(ResourceNames.IngestApi));
        // Reading them would have taken 30 MB (as text, twice that) each, ten at a time: gigabytes.
        var growth = PeakResidentBytes(pid) - peakBefore;
        Assert.True(growth < 100L * 1024 * 1024, $"ingest's peak resident memory grew by {growth / (1024 * 1024)} MiB");
    }

    /// <summary>The answer's status code, or "closed" when the server closed the connection while the body was still being sent.</summary>
    private static async Task<string> OutcomeAsync(HttpClient client, HttpContent form)
    {
        try
        {
            using var response = await client.PostAsync("/xapi/statements?method=PUT", form);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return "closed";
        }
    }

    /// <summary>A client speaking from <paramref name="address"/> (ingest believes X-Forwarded-For from loopback) with a wrong secret for <paramref name="key"/>, or no Authorization header.</summary>
    private HttpClient From(string address, string? key)
    {
        var client = ingest.Client(key: key, secret: "wrong", version: null);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        client.DefaultRequestHeaders.ExpectContinue = true;
        return client;
    }

    private static long PeakResidentBytes(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").Single(line => line.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    /// <summary>A form <c>content=aaaa...</c> of the given size, generated as it is sent (the test holds none of it).</summary>
    private sealed class LargeForm : HttpContent
    {
        private readonly long _length;
        private readonly bool _declareLength;

        public LargeForm(long length, bool declareLength = true)
        {
            _length = length;
            _declareLength = declareLength;
            Headers.ContentType = new("application/x-www-form-urlencoded");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            "content="u8.CopyTo(chunk);
            for (long sent = 0; sent < _length; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, _length - sent)));
                chunk.AsSpan(0, 8).Fill((byte)'a');
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return _declareLength;
        }
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields)
    {
        fields.TryAdd("Authorization", Authorization);
        fields.TryAdd("X-Experience-API-Version", "1.0.3");
        return new FormUrlEncodedContent(fields);
    }
}
