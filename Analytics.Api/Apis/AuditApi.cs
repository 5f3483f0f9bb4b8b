using Microsoft.AspNetCore.Http.HttpResults;
using SevenTaps.ApiKeys;
using SevenTaps.Audit;

namespace Analytics.Api.Apis;

/// <summary>
/// The audit records of administrative actions (API keys, xAPI credentials, CSV imports, dead-letter replays,
/// re-normalization; by API or command), for administrators: scope <c>admin</c>.
/// </summary>
public static class AuditApi
{
    /// <summary>One audited action, as the API shows it.</summary>
    /// <param name="Via"><c>api</c>, <c>dashboard</c>, <c>command</c> or <c>service</c>.</param>
    /// <param name="ApiKeyName">The API key the request was signed in with (null for a command).</param>
    /// <param name="UserName">The dashboard user the key acted for, or the account that ran a command.</param>
    /// <param name="Service">The service (or command host) that performed it.</param>
    public sealed record AuditRecordView(
        Guid Id, DateTimeOffset At, string Action, string Target, string Outcome, string? Detail,
        string Via, Guid? ApiKeyId, string? ApiKeyName, string? UserName, string Service)
    {
        public static AuditRecordView From(AuditRecord record) => new(record.Id, record.At, record.Action, record.Target, record.Outcome,
            record.Detail, record.Via, record.ApiKeyId, record.ApiKeyName, record.UserName, record.Service);
    }

    /// <summary>A page, newest first; <c>next</c> is the <c>before</c> of the next page (null on the last).</summary>
    public sealed record AuditRecordPage(IReadOnlyList<AuditRecordView> Items, Guid? Next);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup($"{PublicRoutes.Analytics}/admin/audit").WithTags("Audit").RequireAuthorization(ApiKeyScopes.Admin)
            .MapGet("/", ListAuditRecords).WithName("ListAuditRecords")
            .WithSummary("Audit records of administrative actions, newest first: who (API key, dashboard user or command account), when, what, the target and the outcome. Filters: action, target, actor, outcome, from, to; paged with before=<next> and limit.");
        return app;
    }

    public static async Task<Results<Ok<AuditRecordPage>, ValidationProblem>> ListAuditRecords(
        [AsParameters] AuditParameters parameters, AuditReader reader, CancellationToken cancellationToken)
    {
        if (parameters.Validate(out var query) is { } invalid)
        {
            return invalid;
        }
        var page = await reader.ReadAsync(query, cancellationToken);
        return TypedResults.Ok(new AuditRecordPage(page.Items.Select(AuditRecordView.From).ToList(), page.Next));
    }
}
