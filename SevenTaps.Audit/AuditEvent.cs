namespace SevenTaps.Audit;

/// <summary>What an audit record says happened (<see cref="AuditRecord"/> without the who and when).</summary>
public sealed record AuditEvent(string Action, string Target, string Outcome, string? Detail = null);
