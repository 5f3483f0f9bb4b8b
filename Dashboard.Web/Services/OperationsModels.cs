using System.Text.Json;

namespace Dashboard.Web.Services;

public sealed record StreamStatus(long Length, long EntriesAdded, long DeadLetters, IReadOnlyList<ConsumerGroupStatus> Groups, DateTimeOffset At);

public sealed record ConsumerGroupStatus(string Name, long Consumers, long Pending, long? Lag, string LastDeliveredId);

public sealed record DeadLetter(string EntryId, string? StatementId, string? Reason, DateTimeOffset? DeadLetteredAt, long? Deliveries, string? OriginalEntryId, string? TraceId);

/// <param name="State">normalized, voided, voiding, dead-lettered (with <paramref name="Reason"/>) or waiting.</param>
public sealed record StatementTrace(Guid StatementId, DateTimeOffset Stored, DateTimeOffset Timestamp, string? Verb, string? TraceId, string State, string? Reason);

public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, long Total, string? Next);

public sealed record ReplayedDeadLetters(int Replayed);

public sealed record CsvImportResult(int Rows, int Learners, int Lessons, int Questions, int ResponsesAdded, int ActivitiesAdded);

public sealed record StoredCatalogue(JsonElement Document, DateTimeOffset LoadedAt);

public sealed record CatalogueLoad(int Lessons, bool Changed, int Relabelled, DateTimeOffset LoadedAt);

public sealed record RenormalizationStatus(string State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, IReadOnlyList<string> Progress, string? Outcome);

/// <summary>The gateway's <c>/health</c>: each backend with its status and its own checks (postgres, redis, ...).</summary>
public sealed record SystemHealth(string Status, IReadOnlyList<ResourceHealth> Resources);

public sealed record ResourceHealth(string Name, string Status, string? Description, IReadOnlyDictionary<string, string?> Checks);
