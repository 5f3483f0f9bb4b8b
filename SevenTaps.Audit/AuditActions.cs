namespace SevenTaps.Audit;

/// <summary>The administrative actions that leave an audit record, named as <c>subject.verb</c>.</summary>
public static class AuditActions
{
    public const string ApiKeyCreate = "api-key.create";
    public const string ApiKeyRevoke = "api-key.revoke";
    public const string CredentialCreate = "credential.create";
    public const string CredentialRevoke = "credential.revoke";
    public const string CsvImport = "csv.import";
    public const string DeadLetterReplay = "dead-letter.replay";
    public const string DeadLetterReplayAll = "dead-letter.replay-all";
    public const string Renormalize = "analysis.renormalize";
    public const string CatalogueLoad = "lesson-catalogue.load";
    public const string UserCreate = "user.create";
    public const string UserSetRole = "user.set-role";
    public const string UserUnlock = "user.unlock";
    public const string UserDelete = "user.delete";

    /// <summary>Records older than the retention deleted (by the service that owns the table, on its timer).</summary>
    public const string AuditPurge = "audit.purge";

    public static IReadOnlyList<string> All { get; } =
    [
        ApiKeyCreate, ApiKeyRevoke, CredentialCreate, CredentialRevoke, CsvImport, DeadLetterReplay, DeadLetterReplayAll, Renormalize,
        CatalogueLoad, UserCreate, UserSetRole, UserUnlock, UserDelete, AuditPurge,
    ];
}
