using SevenTaps.Security;

namespace SevenTaps.Hosting.Tests;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task Callers_of_one_key_share_its_run_while_other_keys_and_later_callers_run_their_own()
    {
        var flights = new SingleFlight<string, int>();
        var release = new TaskCompletionSource();
        var runs = 0;
        async Task<int> Work()
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return runs;
        }

        var waiting = Enumerable.Range(0, 20).Select(_ => flights.RunAsync("key", Work, CancellationToken.None)).ToList();
        var other = flights.RunAsync("other key", () => Task.FromResult(-1), CancellationToken.None);

        Assert.Equal(-1, await other);
        Assert.Equal(1, runs);
        Assert.All(waiting, task => Assert.False(task.IsCompleted));
        release.SetResult();
        Assert.All(await Task.WhenAll(waiting), value => Assert.Equal(1, value));

        Assert.Equal(2, await flights.RunAsync("key", Work, CancellationToken.None));
    }

    [Fact]
    public async Task A_failure_reaches_every_waiting_caller_and_the_next_caller_tries_again()
    {
        var flights = new SingleFlight<string, int>();
        var release = new TaskCompletionSource();
        async Task<int> Failing()
        {
            await release.Task;
            throw new InvalidOperationException("lookup failed");
        }

        var first = flights.RunAsync("key", Failing, CancellationToken.None);
        var second = flights.RunAsync("key", () => Task.FromResult(2), CancellationToken.None);
        release.SetResult();

        Assert.Equal("lookup failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => first)).Message);
        Assert.Equal("lookup failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => second)).Message);
        Assert.Equal(3, await flights.RunAsync("key", () => Task.FromResult(3), CancellationToken.None));
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_leaves_the_run_to_the_others()
    {
        var flights = new SingleFlight<string, int>();
        var release = new TaskCompletionSource();
        using var impatient = new CancellationTokenSource();

        var cancelled = flights.RunAsync("key", async () => { await release.Task; return 7; }, impatient.Token);
        var patient = flights.RunAsync("key", () => Task.FromResult(0), CancellationToken.None);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(patient.IsCompleted);
        release.SetResult();
        Assert.Equal(7, await patient);
    }
}
