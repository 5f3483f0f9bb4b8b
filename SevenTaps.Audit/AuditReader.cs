using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SevenTaps.Audit;

/// <summary>Reads audit records for the admin API: keyset pages by id (version 7 UUIDs rise with time), newest first.</summary>
public sealed class AuditReader(IServiceScopeFactory scopes)
{
    public async Task<AuditPage> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var records = scope.ServiceProvider.GetRequiredService<AuditContext>().Records.AsNoTracking();
        if (query.Action is { } action)
        {
            records = records.Where(record => record.Action == action);
        }
        if (query.Target is { } target)
        {
            records = records.Where(record => record.Target == target);
        }
        if (query.Actor is { } actor)
        {
            records = records.Where(record => record.ApiKeyName == actor || record.UserName == actor);
        }
        if (query.Outcome is { } outcome)
        {
            records = records.Where(record => record.Outcome == outcome);
        }
        if (query.From is { } from)
        {
            records = records.Where(record => record.At >= from);
        }
        if (query.To is { } to)
        {
            records = records.Where(record => record.At < to);
        }
        if (query.Before is { } before)
        {
            records = records.Where(record => record.Id.CompareTo(before) < 0);
        }
        // One more than asked tells whether there is a next page.
        var page = await records.OrderByDescending(record => record.Id).Take(query.Limit + 1).ToListAsync(cancellationToken);
        return page.Count > query.Limit
            ? new AuditPage(page.GetRange(0, query.Limit), page[query.Limit - 1].Id)
            : new AuditPage(page, null);
    }
}
