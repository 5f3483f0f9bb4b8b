namespace SevenTaps.Hosting.Tests;

public sealed class WakeUpSignalTests
{
    private static readonly TimeSpan Briefly = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Announcements_while_busy_collapse_into_at_most_capacity_wake_ups()
    {
        var signal = new WakeUpSignal(capacity: 2);
        for (var announcement = 0; announcement < 10; announcement++)
        {
            signal.Wake();
        }

        Assert.True(await signal.WaitAsync(Briefly, CancellationToken.None));
        Assert.True(await signal.WaitAsync(Briefly, CancellationToken.None));
        Assert.False(await signal.WaitAsync(Briefly, CancellationToken.None));
    }

    [Fact]
    public async Task A_waiting_loop_wakes_when_announced_and_times_out_without()
    {
        var signal = new WakeUpSignal();
        Assert.False(await signal.WaitAsync(Briefly, CancellationToken.None));

        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        signal.Wake();
        Assert.True(await waiting);
    }

    [Fact]
    public async Task Wake_ups_from_many_threads_at_once_never_throw_and_leave_one_pending()
    {
        var signal = new WakeUpSignal();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var announcement = 0; announcement < 10_000; announcement++)
            {
                signal.Wake();
            }
        })));

        Assert.True(await signal.WaitAsync(Briefly, CancellationToken.None));
        Assert.False(await signal.WaitAsync(Briefly, CancellationToken.None));
    }
}
