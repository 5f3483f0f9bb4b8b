using Microsoft.Extensions.Options;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>
/// Keeps the statement stream from growing forever: every <see cref="NormalizerOptions.HousekeepingInterval"/> it
/// trims the entries that every consumer group is done with, and removes consumers of our group that have been
/// idle for <see cref="NormalizerOptions.DeadConsumerIdle"/> and own no pending entries (replicas that are gone;
/// each process is a new consumer). Every replica runs it: each step is one Lua script, atomic in Redis, that
/// decides from the state it sees, so replicas running it at once cannot trim or remove too much.
/// </summary>
internal sealed class StreamHousekeeping(
    IConnectionMultiplexer redis, IOptions<NormalizerOptions> options, TimeProvider time, ILogger<StreamHousekeeping> logger) : BackgroundService
{
    /// <summary>
    /// An entry is still needed while some group has it pending (delivered, not acknowledged) or has not had it
    /// delivered yet. XTRIM MINID removes the entries below the oldest such one, over all groups; when no group
    /// needs any entry, all go. A stream without groups is left alone: nobody has consumed anything yet.
    /// </summary>
    private const string TrimScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
        if #groups == 0 then return 0 end
        local function parse(id)
            local ms, seq = string.match(id, '^(%d+)-(%d+)$')
            return tonumber(ms), tonumber(seq)
        end
        local function older(a, b)
            local am, as = parse(a)
            local bm, bs = parse(b)
            return am < bm or (am == bm and as < bs)
        end
        local oldest = nil
        for _, group in ipairs(groups) do
            local fields = {}
            for i = 1, #group, 2 do fields[group[i]] = group[i + 1] end
            local needed = nil
            local pending = redis.call('XPENDING', KEYS[1], fields['name'])
            if pending[1] > 0 then needed = pending[2] end
            local undelivered = redis.call('XRANGE', KEYS[1], '(' .. fields['last-delivered-id'], '+', 'COUNT', 1)
            if #undelivered > 0 and (needed == nil or older(undelivered[1][1], needed)) then needed = undelivered[1][1] end
            if needed ~= nil and (oldest == nil or older(needed, oldest)) then oldest = needed end
        end
        if oldest == nil then return redis.call('XTRIM', KEYS[1], 'MAXLEN', 0) end
        return redis.call('XTRIM', KEYS[1], 'MINID', oldest)
        """;

    /// <summary>Checks and removes in one step, so a consumer that receives entries meanwhile is never removed with them.</summary>
    private const string RemoveDeadConsumersScript = """
        local ok, consumers = pcall(redis.call, 'XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
        if not ok then return {} end
        local removed = {}
        for _, consumer in ipairs(consumers) do
            local fields = {}
            for i = 1, #consumer, 2 do fields[consumer[i]] = consumer[i + 1] end
            if fields['pending'] == 0 and fields['idle'] >= tonumber(ARGV[2]) and fields['name'] ~= ARGV[3] then
                redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], fields['name'])
                table.insert(removed, fields['name'])
            end
        end
        return removed
        """;

    private NormalizerOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await TrimAsync(StatementStream.Key);
                    await RemoveDeadConsumersAsync(StatementStream.Key, Options.ConsumerGroup);
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    logger.LogWarning("Stream housekeeping failed ({Reason}); trying again in {Interval}", exception.Message, Options.HousekeepingInterval);
                }
                await Task.Delay(Options.HousekeepingInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Returns how many entries were removed.</summary>
    public async Task<long> TrimAsync(string stream)
    {
        var trimmed = (long)await redis.GetDatabase().ScriptEvaluateAsync(TrimScript, [stream]);
        if (trimmed > 0)
        {
            logger.LogInformation("Trimmed {Count} entries every consumer group has acknowledged from {Stream}", trimmed, stream);
        }
        return trimmed;
    }

    /// <summary>Returns the names of the consumers removed.</summary>
    public async Task<IReadOnlyList<string>> RemoveDeadConsumersAsync(string stream, string group)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(RemoveDeadConsumersScript, [stream],
            [group, (long)Options.DeadConsumerIdle.TotalMilliseconds, StatementConsumer.ConsumerName]);
        var removed = ((RedisResult[])result!).Select(name => name.ToString()).ToList();
        foreach (var name in removed)
        {
            logger.LogInformation("Removed consumer {Consumer} from group {Group}: idle for over {Idle} with nothing pending", name, group, Options.DeadConsumerIdle);
        }
        return removed;
    }
}
