using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SevenTaps.Audit;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>An entry of the dead-letter stream.</summary>
/// <param name="EntryId">Its id in the dead-letter stream (what replay takes).</param>
/// <param name="StatementId">The statement it handed over, as sent.</param>
/// <param name="Reason">Why it was given up on.</param>
/// <param name="DeadLetteredAt">When.</param>
/// <param name="Deliveries">How often it had been delivered.</param>
/// <param name="OriginalEntryId">Its id in the statement stream.</param>
/// <param name="TraceId">The trace of the ingest request that stored the statement (from its traceparent), when it had one.</param>
public sealed record DeadLetter(string EntryId, string? StatementId, string? Reason, DateTimeOffset? DeadLetteredAt, long? Deliveries, string? OriginalEntryId, string? TraceId);

/// <summary>A page of dead letters, oldest first; <see cref="Next"/> is the <c>after</c> of the next page.</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, long Total, string? Next);

/// <summary>
/// The dead-letter stream for operators: listing, and replay, which puts an entry back on the statement stream
/// (with its traceparent, so the trace continues) and removes it from the dead-letter stream in one server-side step,
/// so an entry replayed twice at once is replayed once. A replay (of one entry, or of all) leaves one audit record,
/// written after Redis answered: the replay itself is no database write to share a transaction with.
/// </summary>
internal sealed partial class DeadLetterQueue(IConnectionMultiplexer redis, IOptions<NormalizerOptions> options, AuditTrail audit)
{
    public const int MaxPageSize = 1_000;

    private const string ReplayScript = """
        local found = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
        if #found == 0 then return false end
        local fields = found[1][2]
        local statementId, traceParent = '', ''
        for i = 1, #fields, 2 do
            if fields[i] == ARGV[2] then statementId = fields[i + 1] elseif fields[i] == ARGV[3] then traceParent = fields[i + 1] end
        end
        local id
        if traceParent ~= '' then
            id = redis.call('XADD', KEYS[2], '*', ARGV[2], statementId, ARGV[3], traceParent)
        else
            id = redis.call('XADD', KEYS[2], '*', ARGV[2], statementId)
        end
        redis.call('XDEL', KEYS[1], ARGV[1])
        return id
        """;

    private string Stream => options.Value.DeadLetterStream;

    public static bool IsEntryId(string value) => EntryIdPattern().IsMatch(value);

    public async Task<DeadLetterPage> ListAsync(string? after, int limit)
    {
        var database = redis.GetDatabase();
        var entries = await database.StreamRangeAsync(Stream, after is null ? "-" : $"({after}", "+", limit);
        var total = await database.StreamLengthAsync(Stream);
        var items = entries.Select(Of).ToList();
        return new DeadLetterPage(items, total, items.Count == limit ? items[^1].EntryId : null);
    }

    /// <summary>The entry's id on the statement stream, or null when no such dead letter exists.</summary>
    public async Task<string?> ReplayAsync(string entryId, AuditActor actor, CancellationToken cancellationToken)
    {
        var replayed = await ReplayEntryAsync(entryId);
        await audit.AppendAsync(actor, replayed is null
            ? new AuditEvent(AuditActions.DeadLetterReplay, entryId, AuditOutcomes.NotFound)
            : new AuditEvent(AuditActions.DeadLetterReplay, entryId, AuditOutcomes.Succeeded, $"statement stream entry {replayed}"), cancellationToken);
        return replayed;
    }

    private async Task<string?> ReplayEntryAsync(string entryId)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(ReplayScript,
            [Stream, StatementStream.Key],
            [entryId, StatementStream.StatementIdField, StatementStream.TraceParentField]);
        if (result.IsNull)
        {
            return null;
        }
        // Like ingest after adding entries: idle workers read the replayed one at once rather than at their next poll.
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(StatementStream.AddedChannel), 1, CommandFlags.FireAndForget);
        return (string?)result;
    }

    /// <summary>Replays every dead letter there is now, oldest first; returns how many.</summary>
    public async Task<int> ReplayAllAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var replayed = await ReplayEveryEntryAsync(cancellationToken);
        await audit.AppendAsync(actor, new AuditEvent(AuditActions.DeadLetterReplayAll, Stream, AuditOutcomes.Succeeded, $"{replayed} replayed"), cancellationToken);
        return replayed;
    }

    private async Task<int> ReplayEveryEntryAsync(CancellationToken cancellationToken)
    {
        var replayed = 0;
        string? after = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await ListAsync(after, 256);
            foreach (var letter in page.Items)
            {
                replayed += await ReplayEntryAsync(letter.EntryId) is null ? 0 : 1;
            }
            if (page.Next is null)
            {
                break;
            }
            after = page.Next;
        }
        return replayed;
    }

    private static DeadLetter Of(StackExchange.Redis.StreamEntry entry)
    {
        string? Field(string name) => entry[name] is { IsNullOrEmpty: false } value ? value.ToString() : null;
        return new DeadLetter(
            entry.Id.ToString(),
            Field(DeadLetters.StatementIdField),
            Field(DeadLetters.ReasonField),
            DateTimeOffset.TryParse(Field(DeadLetters.DeadLetteredAtField), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null,
            long.TryParse(Field(DeadLetters.DeliveriesField), out var deliveries) ? deliveries : null,
            Field(DeadLetters.EntryIdField),
            // W3C traceparent: version-traceid-spanid-flags.
            Field(DeadLetters.TraceParentField) is { Length: 55 } traceParent ? traceParent.Substring(3, 32) : null);
    }

    [GeneratedRegex(@"^\d{1,20}-\d{1,20}$")]
    private static partial Regex EntryIdPattern();
}
