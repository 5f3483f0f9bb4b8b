namespace SevenTaps.Contracts;

/// <summary>
/// PostgreSQL advisory lock keys that more than one process takes, so that all of them use the same number.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>
    /// Every write transaction of ingest takes it first: shared normally, exclusive when it stores voiding
    /// statements. Taken exclusively for an instant, it is also a barrier: once granted, no statement write is in
    /// flight, so every <c>xapi.statements.seq</c> handed out so far belongs to a committed or aborted row.
    /// </summary>
    public const long StatementWrites = 0x5EE7_7A95_0001;

    /// <summary>
    /// Every transaction that writes the live <c>analysis</c> schema takes it shared; re-normalization takes it
    /// exclusively to swap in the rebuilt schema, so no write is half in the old generation and half lost.
    /// </summary>
    public const long AnalysisGeneration = 0x5EE7_7A95_0002;

    /// <summary>Held (session-level) by a running re-normalization, so that two cannot run at once.</summary>
    public const long Renormalization = 0x5EE7_7A95_0003;

    /// <summary>
    /// Held (session-level) while a service's <c>migrate</c> command applies its EF Core migrations: AppHost runs every
    /// service's at once, and two of the same schema (two AppHosts, or one by hand) would apply the same migration
    /// twice. One key for all services, as their migrations touch each other's objects (grants, default privileges).
    /// </summary>
    public const long Migrations = 0x5EE7_7A95_0004;

    /// <summary>
    /// Held (session-level) by the normalizer replica that reconciles the stored statements with the analysis tables
    /// (<c>Normalizer.Worker/Reconciliation</c>): one replica at a time advances the mark, the others skip their turn.
    /// </summary>
    public const long Reconciliation = 0x5EE7_7A95_0005;

    /// <summary>
    /// Taken (transaction-level) by every service storing the development bootstrap API key: API keys are salted
    /// hashes, so a unique index cannot stop two services that start together from storing the same key twice.
    /// </summary>
    public const long ApiKeyBootstrap = 0x5EE7_7A95_0101;
}
