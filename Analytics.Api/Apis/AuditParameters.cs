using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SevenTaps.Audit;

namespace Analytics.Api.Apis;

/// <summary>The audit list's filters and page, checked here so a bad value is a 400 naming its parameter.</summary>
/// <param name="Action"><c>action</c>: One action, e.g. api-key.create, credential.revoke, csv.import, dead-letter.replay, analysis.renormalize.</param>
/// <param name="Target"><c>target</c>: One target exactly: an API key's prefix, a credential's key, an import's file name, an entry id.</param>
/// <param name="Actor"><c>actor</c>: An API key's name or a person's (the dashboard user, or the account that ran a command), exactly.</param>
/// <param name="Outcome"><c>outcome</c>: succeeded, not-found or failed.</param>
/// <param name="From"><c>from</c>: Records at or after this time (ISO 8601).</param>
/// <param name="To"><c>to</c>: Records before this time (ISO 8601).</param>
/// <param name="Before"><c>before</c>: The previous page's <c>next</c>: records older than that one.</param>
/// <param name="Limit"><c>limit</c>: Records per page, 1 to 500 (default 50).</param>
public sealed record AuditParameters(
    [FromQuery(Name = "action")] string? Action,
    [FromQuery(Name = "target")] string? Target,
    [FromQuery(Name = "actor")] string? Actor,
    [FromQuery(Name = "outcome")] string? Outcome,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "before")] Guid? Before,
    [FromQuery(Name = "limit")] int? Limit)
{
    private const int MaxTextLength = 512;

    /// <summary>The query, or the 400 naming the first offending parameter.</summary>
    public ValidationProblem? Validate(out AuditQuery query)
    {
        query = null!;
        if (Action is not null && !AuditActions.All.Contains(Action))
        {
            return AnalyticsApi.Invalid("action", $"must be one of {string.Join(", ", AuditActions.All)}");
        }
        if (Outcome is not null && Outcome is not (AuditOutcomes.Succeeded or AuditOutcomes.NotFound or AuditOutcomes.Failed))
        {
            return AnalyticsApi.Invalid("outcome", $"must be {AuditOutcomes.Succeeded}, {AuditOutcomes.NotFound} or {AuditOutcomes.Failed}");
        }
        if (Target is { Length: > MaxTextLength } || Actor is { Length: > MaxTextLength })
        {
            return AnalyticsApi.Invalid(Target is { Length: > MaxTextLength } ? "target" : "actor", $"must be at most {MaxTextLength} characters");
        }
        if (Limit is < 1 or > AuditQuery.MaxLimit)
        {
            return AnalyticsApi.Invalid("limit", $"must be between 1 and {AuditQuery.MaxLimit}");
        }
        if (From is { } from && To is { } to && from >= to)
        {
            return AnalyticsApi.Invalid("to", "must be after from");
        }
        query = new AuditQuery(Action, Target, Actor, Outcome, From, To, Before, Limit ?? AuditQuery.DefaultLimit);
        return null;
    }
}
