namespace SevenTaps.Audit;

/// <summary>
/// Who performs an administrative action: an API key (and the signed-in person it acts for, when the key is trusted
/// to name one), or whoever ran a management command.
/// </summary>
public sealed record AuditActor(string Via, Guid? ApiKeyId, string? ApiKeyName, string? UserName)
{
    public const string Api = "api";
    public const string CommandLine = "command";

    /// <summary>A management command, run by the operating-system account that ran it.</summary>
    public static AuditActor Command() => new(CommandLine, null, null, Environment.UserName);
}
