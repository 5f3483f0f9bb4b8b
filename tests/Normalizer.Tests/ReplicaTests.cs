using System.Diagnostics;

namespace Normalizer.Tests;

/// <summary>Several worker processes share the stream; a killed one loses nothing and duplicates nothing.</summary>
[Collection(NormalizerCollection.Name)]
public sealed class ReplicaTests(NormalizerFixture system) : IAsyncLifetime
{
    public Task InitializeAsync() => system.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Three_workers_at_once_give_the_same_tables_as_one()
    {
        var statements = TestStatements.Workload(3_000, seed: 21, lessonPrefix: "https://courses.example.com/replicas");
        await system.NormalizeAsync(statements);
        var oneWorker = await system.DumpAsync();

        var three = new ThreeWorkers();
        await three.InitializeAsync();
        try
        {
        var replicas = three.App.Replicas(SevenTaps.Contracts.ResourceNames.NormalizerWorker);
        var processes = await Task.WhenAll(replicas.Select(three.App.ProcessIdAsync));
        Assert.Equal(3, processes.Count(pid => pid is int running && TestApplication.IsAlive(running)));
        // They started together on an empty database: one applied the migrations, the others waited for it.
        Assert.All(await Task.WhenAll(replicas.Select(three.App.RestartCountAsync)), restarts => Assert.Equal(0, restarts));
        // Many concurrent requests, so that the three workers' batches interleave over the same users and lessons.
        await Task.WhenAll(statements.Chunk(100).Select(chunk => three.PostAsync(chunk)));
        await three.WaitDrainedAsync();

        await using var redis = await three.RedisAsync();
        var consumers = await redis.GetDatabase().StreamConsumerInfoAsync(SevenTaps.Contracts.StatementStream.Key, NormalizerFixture.Group);
        Assert.Equal(3, consumers.Length);
        Assert.Equal(oneWorker, await three.DumpAsync());
        await three.AssertSummaryMatchesFactsAsync();
        }
        finally
        {
            await three.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_worker_killed_with_10000_statements_in_flight_is_restarted_and_every_statement_is_normalized_once()
    {
        const int total = 10_000;
        var statements = TestStatements.Workload(total, seed: 31, lessonPrefix: "https://courses.example.com/crash");
        var expectedResponses = statements.Count(statement => statement["result"] is not null);
        var expectedUsers = statements.Select(statement => ((string)statement["actor"]!["account"]!["name"]!).ToLowerInvariant()).Distinct().Count();
        var victim = (await system.WorkerProcessIdAsync())!.Value;

        var posting = Task.Run(async () =>
        {
            foreach (var chunk in statements.Chunk(250))
            {
                await system.PostAsync(chunk);
            }
        });
        await Eventually.HoldsAsync(async () => await system.ScalarAsync<long>("SELECT count(*) FROM user_activities") >= 1_000, seconds: 120);
        Process.GetProcessById(victim).Kill(); // SIGKILL: no graceful stop, a batch may be half-written
        var normalizedAtKill = await system.ScalarAsync<long>("SELECT count(*) FROM user_activities");
        await posting;

        Assert.True(normalizedAtKill < total, $"the kill came too late to test anything ({normalizedAtKill} normalized)");
        await Eventually.HoldsAsync(async () => await system.WorkerProcessIdAsync() is int pid && pid != victim && TestApplication.IsAlive(pid), seconds: 60);
        await system.WaitDrainedAsync(seconds: 300);

        Assert.Equal((long)total, await system.ScalarAsync<long>("SELECT count(*) FROM user_activities"));
        Assert.Equal((long)expectedResponses, await system.ScalarAsync<long>("SELECT count(*) FROM user_responses"));
        Assert.Equal((long)expectedUsers, await system.ScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.Equal(6L, await system.ScalarAsync<long>("SELECT count(*) FROM lessons"));
        // Every statement, and nothing else, was normalized.
        Assert.Equal(0L, await system.ScalarAsync<long>(
            "SELECT count(*) FROM user_activities a WHERE NOT EXISTS (SELECT 1 FROM xapi.statements s WHERE s.id = a.statement_id)"));
        Assert.Equal((long)total, await system.ScalarAsync<long>(
            "SELECT count(*) FROM user_activities WHERE statement_id = ANY($1)", statements.Select(statement => Guid.Parse((string)statement["id"]!)).ToArray()));
        // A half-written batch left no trace in the summary either: it counts every statement once.
        await system.AssertSummaryMatchesFactsAsync();
    }

    private sealed class ThreeWorkers : NormalizerFixture
    {
        protected override int Workers => 3;
    }
}
