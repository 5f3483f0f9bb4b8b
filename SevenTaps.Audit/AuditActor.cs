namespace SevenTaps.Audit;

/// <summary>
/// Who performs an administrative action: an API key (and the signed-in person it acts for, when the key is trusted
/// to name one), a person signed in to the dashboard, whoever ran a management command, or the service itself (its
/// timer or its configuration).
/// </summary>
public sealed record AuditActor(string Via, Guid? ApiKeyId, string? ApiKeyName, string? UserName)
{
    public const string Api = "api";
    public const string CommandLine = "command";
    public const string Dashboard = "dashboard";
    public const string ServiceItself = "service";

    /// <summary>A management command, run by the operating-system account that ran it.</summary>
    public static AuditActor Command() => new(CommandLine, null, null, Environment.UserName);

    /// <summary>A person signed in to the dashboard, acting on its own pages (not through an API key).</summary>
    public static AuditActor SignedIn(string userName) => new(Dashboard, null, null, userName);

    /// <summary>The service on its own: a scheduled job or what its configuration told it to do at start.</summary>
    public static AuditActor Itself() => new(ServiceItself, null, null, null);
}
