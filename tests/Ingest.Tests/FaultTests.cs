using System.Diagnostics;
using Npgsql;
using SevenTaps.Contracts;

namespace Ingest.Tests;

/// <summary>What happens when Redis or PostgreSQL goes away while statements arrive.</summary>
[Collection(IngestCollection.Name)]
public sealed class FaultTests(IngestFixture ingest)
{
    private readonly HttpClient _client = ingest.Client();

    [Fact]
    public async Task Statements_accepted_while_Redis_is_down_reach_the_stream_once_it_is_back()
    {
        await ingest.App.StopResourceAsync(ResourceNames.Redis);
        var ids = new List<Guid>();
        try
        {
            for (var index = 0; index < 20; index++)
            {
                var id = Guid.NewGuid();
                using var response = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id)));
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                ids.Add(id);
            }
            using (var batch = await _client.PostAsync("/xapi/statements", Statements.Json(new JsonArray(Statements.Simple(), Statements.Simple()))))
            {
                Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
                ids.AddRange(System.Text.Json.JsonSerializer.Deserialize<Guid[]>(await batch.Content.ReadAsStringAsync())!);
            }
            Assert.Equal(22L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.outbox_batches, unnest(statement_ids) AS waiting(id) WHERE waiting.id = ANY($1)", ids.ToArray()));
        }
        finally
        {
            await ingest.App.StartResourceAsync(ResourceNames.Redis);
        }

        // Redis ran without persistence in tests, so the stream restarted empty: what is on it now came from the outbox.
        await Eventually.HoldsAsync(async () =>
        {
            var onStream = (await ingest.StreamEntriesAsync()).Select(entry => entry.Id).ToHashSet();
            return ids.All(id => onStream.Contains(id.ToString()));
        });
        await Eventually.HoldsAsync(async () => await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.outbox_batches, unnest(statement_ids) AS waiting(id) WHERE waiting.id = ANY($1)", ids.ToArray()) == 0);
        var entries = await ingest.StreamEntriesAsync();
        Assert.All(ids, id => Assert.Single(entries, entry => entry.Id == id.ToString()));
    }

    [Fact]
    public async Task With_PostgreSQL_down_nothing_is_acknowledged_and_503_says_when_to_retry()
    {
        var id = Guid.NewGuid();
        await ingest.App.StopResourceAsync(ResourceNames.Postgres);
        try
        {
            using var response = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id)));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            await ingest.App.StartResourceAsync(ResourceNames.Postgres);
        }

        Assert.Equal(0L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", id));
        await Eventually.HoldsAsync(async () =>
        {
            using var retry = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id)));
            return retry.StatusCode == HttpStatusCode.NoContent;
        });
        Assert.Equal(1L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", id));
    }

    [Fact]
    public async Task A_postmaster_killed_while_a_query_runs_is_back_without_waiting_for_the_query()
    {
        var busy = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ingest.DatabaseConnectionString) { Pooling = false }.ConnectionString);
        await busy.OpenAsync();
        var backend = busy.ProcessID;
        try
        {
            // A cross join counted in memory never waits on a latch, so its backend would not notice the postmaster's
            // death for hours, and it holds the old shared memory (a new postmaster refuses to start) and the
            // postmaster's output pipes (the orchestrator still reports it running).
            await using var endless = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b", busy) { CommandTimeout = 0 };
            var query = endless.ExecuteScalarAsync();
            await Eventually.HoldsAsync(async () => await ingest.ScalarAsync<string>("SELECT state FROM pg_stat_activity WHERE pid = $1", backend) == "active");
            var postmaster = (await ingest.App.ProcessIdAsync(ResourceNames.Postgres))!.Value;

            Process.GetProcessById(postmaster).Kill();

            await Eventually.HoldsAsync(async () => await ingest.App.ProcessIdAsync(ResourceNames.Postgres) is { } pid && pid != postmaster, seconds: 60);
            await ingest.App.WaitForHealthyAsync(ResourceNames.Postgres, TimeSpan.FromSeconds(60));
            Assert.False(Directory.Exists($"/proc/{backend}"), "the orphaned backend still runs");
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => query);
            var id = Guid.NewGuid();
            await Eventually.HoldsAsync(async () =>
            {
                using var stored = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id)));
                return stored.StatusCode == HttpStatusCode.NoContent;
            });
        }
        finally
        {
            // Closing a connection waits for its query: should the backend have survived, it would wait for hours.
            if (Directory.Exists($"/proc/{backend}"))
            {
                Process.GetProcessById(backend).Kill();
            }
            await busy.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_stream_entry_carries_the_trace_of_the_request_that_stored_the_statement()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var id = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/xapi/statements?statementId={id}") { Content = Statements.Json(Statements.Simple(id)) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(traceId.ToString(), await ingest.ScalarAsync<string>("SELECT trace_id FROM xapi.statements WHERE id = $1", id));
        await Eventually.HoldsAsync(async () => (await ingest.StreamEntriesAsync()).Any(entry => entry.Id == id.ToString()));
        var entry = (await ingest.StreamEntriesAsync()).Single(entry => entry.Id == id.ToString());
        Assert.NotNull(entry.TraceParent);
        Assert.Equal(traceId.ToString(), entry.TraceParent!.Split('-')[1]);
    }
}
