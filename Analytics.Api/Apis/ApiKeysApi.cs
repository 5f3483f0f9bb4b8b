using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SevenTaps.ApiKeys;

namespace Analytics.Api.Apis;

/// <summary>
/// API key administration over HTTP (the dashboard's admin pages call it with their own key), beside the
/// <c>api-keys</c> command. Needs the <c>admin</c> scope. The key itself is in the creation's answer only. Creating
/// and revoking leave audit records (read them at <c>admin/audit</c>).
/// </summary>
public static class ApiKeysApi
{
    public sealed record ApiKeyView(string Prefix, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
    {
        public static ApiKeyView From(ApiKey key) => new(key.Prefix, key.Name, key.Scopes, key.CreatedAt, key.RevokedAt);
    }

    public sealed record CreateApiKey([property: Required, StringLength(100)] string Name, IReadOnlyList<string> Scopes);

    public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup($"{PublicRoutes.Analytics}/admin/api-keys").WithTags("API keys").RequireAuthorization(ApiKeyScopes.Admin);
        keys.MapGet("/", ListKeys).WithName("ListApiKeys").WithSummary("Every API key (prefix, name, scopes, created, revoked); never the key itself.");
        keys.MapPost("/", CreateKey).WithName("CreateApiKey").WithSummary("Creates a key with the given scopes; the answer holds the key, shown this once.");
        keys.MapDelete("/{prefix}", RevokeKey).WithName("RevokeApiKey").WithSummary("Revokes the active key with this prefix; every service stops accepting it within a second (the key table notifies their caches).");
        return app;
    }

    public static async Task<Ok<List<ApiKeyView>>> ListKeys(ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(ApiKeyView.From).ToList());

    public static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateKey(
        CreateApiKey request, ApiKeyStore store, HttpContext context, ILogger<ApiKeyStore> logger, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return AnalyticsApi.Invalid("name", "is required (at most 100 characters)");
        }
        if (ApiKeyScopes.Parse(string.Join(',', request.Scopes ?? []), out var unknown) is not { } scopes)
        {
            return AnalyticsApi.Invalid("scopes", unknown is null ? $"name one or more of {string.Join(", ", ApiKeyScopes.All)}" : $"unknown scope '{unknown}'");
        }
        var actor = ApiKeyActor.Of(context);
        var (key, secret) = await store.CreateAsync(request.Name.Trim(), scopes, actor, cancellationToken);
        logger.LogInformation("API key {Prefix} ({Name}, {Scopes}) created by {Caller} for {User}",
            key.Prefix, key.Name, string.Join(",", key.Scopes), actor.ApiKeyName, actor.UserName);
        return TypedResults.Created($"{PublicRoutes.Analytics}/admin/api-keys/{key.Prefix}", new CreatedApiKey(ApiKeyView.From(key), secret));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeKey(
        string prefix, ApiKeyStore store, HttpContext context, ILogger<ApiKeyStore> logger, CancellationToken cancellationToken)
    {
        var actor = ApiKeyActor.Of(context);
        if (prefix.Length > 64 || !await store.RevokeAsync(prefix, actor, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        logger.LogInformation("API key {Prefix} revoked by {Caller} for {User}", prefix, actor.ApiKeyName, actor.UserName);
        return TypedResults.NoContent();
    }
}
