namespace Dashboard.Web.Services;

/// <summary>One audited administrative action, as analytics' <c>admin/audit</c> answers it.</summary>
public sealed record AuditRecordInfo(
    Guid Id, DateTimeOffset At, string Action, string Target, string Outcome, string? Detail,
    string Via, Guid? ApiKeyId, string? ApiKeyName, string? UserName, string Service);

/// <summary>A page of audit records, newest first.</summary>
public sealed record AuditRecordPage(IReadOnlyList<AuditRecordInfo> Items, Guid? Next);
