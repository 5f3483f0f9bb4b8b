using System.ComponentModel.DataAnnotations;

namespace Normalizer.Worker;

/// <summary>Settings of the stream consumer, section <c>Normalizer</c>.</summary>
public sealed class NormalizerOptions
{
    public const string SectionName = "Normalizer";

    /// <summary>The consumer group every replica joins, so each entry goes to one of them.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "normalizer";

    /// <summary>Stream entries read (and written in one transaction) at most at once.</summary>
    [Range(1, 2_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// Longest pause after a read found nothing. StackExchange.Redis cannot block on XREADGROUP (it multiplexes one
    /// connection), so an idle worker waits for ingest's "added" announcement, or at most this long: the fallback for
    /// an announcement lost while Redis reconnected, not the way entries are found, so it can be long and an idle
    /// worker reads the stream once every two seconds per loop, not four times a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:05")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a loop woken by an announcement lingers before it reads, so that statements trickling in one at a
    /// time (7taps sends one PUT per tap) are read and written together: one transaction, acknowledgement and
    /// data-version bump for those that arrive within it, instead of one each. One loop lingers at a time, and a loop
    /// that read a full batch reads again at once, so under load it costs nothing. Zero: read at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan GatherWindow { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Consume loops per process, each with its own batch and transaction.</summary>
    [Range(1, 16)]
    public int Concurrency { get; set; } = 2;

    /// <summary>An entry delivered but not acknowledged for this long is taken over (its consumer died or failed).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ClaimMinIdle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker looks for such entries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries after which an entry that is still not acknowledged goes to the dead-letter stream.</summary>
    [Range(1, 1_000)]
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>Where entries that cannot be normalized go, with the reason.</summary>
    [Required]
    public string DeadLetterStream { get; set; } = "seventaps:statements:dead";

    /// <summary>How often a worker trims the entries every group has acknowledged and removes dead consumers (see Streaming/StreamHousekeeping).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A consumer idle this long that holds no pending entries belonged to a replica that is gone: it is removed from the group.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DeadConsumerIdle { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A lesson catalogue (lesson_mapping.json shape) loaded into the database at start-up, for lesson numbers and
    /// names; when unset, the stored catalogue (loaded through the API or command) is used as it is.
    /// </summary>
    public string? LessonCatalogueFile { get; set; }

    /// <summary>The largest CSV export accepted by the import endpoint (the real one is about 100 KB).</summary>
    [Range(1, 1_073_741_824)]
    public long MaxCsvImportBytes { get; set; } = 20 * 1024 * 1024;
}
