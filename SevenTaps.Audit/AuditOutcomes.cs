namespace SevenTaps.Audit;

/// <summary>How an audited action ended.</summary>
public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";

    /// <summary>Its target did not exist (or was revoked already): nothing changed.</summary>
    public const string NotFound = "not-found";

    /// <summary>It was attempted and failed; the detail says why.</summary>
    public const string Failed = "failed";
}
