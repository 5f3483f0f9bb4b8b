namespace Ingest.Tests;

/// <summary>Authentication, scopes, the version header, CORS and the About resource.</summary>
[Collection(IngestCollection.Name)]
public sealed class ProtocolTests(IngestFixture ingest)
{
    [Fact]
    public async Task About_needs_no_credentials_and_lists_the_supported_versions()
    {
        using var client = ingest.Client(key: null, version: null);
        using var response = await client.GetAsync("/xapi/about");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var versions = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["version"]!.AsArray().Select(v => v!.GetValue<string>());
        Assert.Equal(["1.0.3", "2.0.0"], versions);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(IngestFixture.Key, "wrong-secret")]
    [InlineData("no-such-key", "whatever-secret")]
    public async Task Requests_without_valid_credentials_get_401_with_a_challenge(string? key, string? secret)
    {
        using var client = ingest.Client(key, secret);
        using var response = await client.GetAsync("/xapi/statements");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Scopes_decide_what_a_credential_may_do()
    {
        var writer = await ingest.CreateCredentialAsync("writer", "statements/write");
        var reader = await ingest.CreateCredentialAsync("reader", "statements/read");
        using var writeOnly = ingest.Client(writer.Key, writer.Secret);
        using var readOnly = ingest.Client(reader.Key, reader.Secret);

        using var written = await writeOnly.PostAsync("/xapi/statements", Statements.Json(Statements.Simple()));
        using var writerReads = await writeOnly.GetAsync("/xapi/statements");
        using var readerWrites = await readOnly.PostAsync("/xapi/statements", Statements.Json(Statements.Simple()));
        using var readerReads = await readOnly.GetAsync("/xapi/statements");

        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writerReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerWrites.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readerReads.StatusCode);
        Assert.Equal("application/problem+json", readerWrites.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Read_mine_sees_only_what_the_credential_itself_wrote()
    {
        var mine = await ingest.CreateCredentialAsync("own-reader", "statements/write,statements/read/mine");
        using var client = ingest.Client(mine.Key, mine.Secret);
        var own = Guid.NewGuid();
        var foreign = Guid.NewGuid();
        (await client.PutAsync($"/xapi/statements?statementId={own}", Statements.Json(Statements.Simple(own)))).EnsureSuccessStatusCode();
        (await ingest.Client().PutAsync($"/xapi/statements?statementId={foreign}", Statements.Json(Statements.Simple(foreign)))).EnsureSuccessStatusCode();

        using var ownResponse = await client.GetAsync($"/xapi/statements?statementId={own}");
        using var foreignResponse = await client.GetAsync($"/xapi/statements?statementId={foreign}");
        using var list = await client.GetAsync("/xapi/statements?limit=0");

        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignResponse.StatusCode);
        var ids = JsonNode.Parse(await list.Content.ReadAsStringAsync())!["statements"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([own.ToString()], ids);
    }

    [Fact]
    public async Task The_credentials_command_creates_lists_and_revokes()
    {
        var (key, secret) = await ingest.CreateCredentialAsync("short-lived", "statements/read");
        var (_, listing) = await ingest.RunCredentialsCommandAsync("list");
        Assert.Contains(key, listing);
        Assert.DoesNotContain(secret, listing);
        Assert.StartsWith("pbkdf2-sha256$", await ingest.ScalarAsync<string>("SELECT secret_hash FROM xapi.credentials WHERE key = $1", key));

        var (exitCode, _) = await ingest.RunCredentialsCommandAsync("revoke", "--key", key);
        Assert.Equal(0, exitCode);
        using var client = ingest.Client(key, secret);
        using var response = await client.GetAsync("/xapi/statements");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var (badScope, output) = await ingest.RunCredentialsCommandAsync("create", "--name", "x", "--scopes", "everything");
        Assert.Equal(2, badScope);
        Assert.Contains("statements/write", output);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0.95")]
    [InlineData("3.0.0")]
    public async Task A_missing_or_unsupported_version_header_is_rejected(string? version)
    {
        using var client = ingest.Client(version: version);
        using var response = await client.GetAsync("/xapi/statements");

        Assert.Equal("X-Experience-API-Version", await Problems.SingleErrorPathAsync(response));
    }

    /// <summary>
    /// A refusal for a missing version header still carries X-Experience-API-Version (Communication "Versioning"), in
    /// the version the client speaks: the one its credential last used, else 1.0.3.
    /// </summary>
    [Theory]
    [InlineData("2.0.0")]
    [InlineData("1.0.3")]
    [InlineData(null)]
    public async Task A_refusal_for_a_missing_version_header_speaks_the_version_the_credential_last_used(string? lastUsed)
    {
        var credential = await ingest.CreateCredentialAsync($"versioned-{lastUsed ?? "never"}", "all");
        if (lastUsed is not null)
        {
            using var versioned = ingest.Client(credential.Key, credential.Secret, lastUsed);
            (await versioned.GetAsync("/xapi/statements?limit=1")).EnsureSuccessStatusCode();
        }
        using var client = ingest.Client(credential.Key, credential.Secret, version: null);

        using var response = await client.GetAsync("/xapi/statements?limit=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(lastUsed ?? "1.0.3", response.Headers.GetValues("X-Experience-API-Version").Single());
    }

    [Fact]
    public async Task Version_2_0_requests_are_answered_as_2_0_and_statements_get_version_2_0_0()
    {
        using var client = ingest.Client(version: "2.0.0");
        var id = Guid.NewGuid();
        using var put = await client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id)));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("2.0.0", put.Headers.GetValues("X-Experience-API-Version").Single());
        Assert.Equal("2.0.0", await ingest.ScalarAsync<string>("SELECT statement->>'version' FROM xapi.statements WHERE id = $1", id));
    }

    [Fact]
    public async Task Browser_clients_may_call_the_LRS_across_origins()
    {
        using var client = ingest.Client(key: null, version: null);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/xapi/statements");
        preflight.Headers.Add("Origin", "https://content.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-experience-api-version");

        using var response = await client.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("x-experience-api-version", allowed);
        Assert.Contains("authorization", allowed);
    }
}
