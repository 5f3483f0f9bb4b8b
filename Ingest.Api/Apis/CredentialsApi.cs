using Ingest.Api.Model;
using Ingest.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using SevenTaps.ApiKeys;

namespace Ingest.Api.Apis;

/// <summary>
/// LRS credential administration over HTTP for the dashboard's admin pages, beside the <c>credentials</c> command:
/// bearer API keys with the <c>admin</c> scope (checked against the shared key table), not the LRS's HTTP Basic.
/// Served at <c>/api/ingest/credentials</c>, which the gateway does not route: only services reach it. Creating and
/// revoking leave audit records naming the key (and the dashboard user it acts for).
/// </summary>
public static class CredentialsApi
{
    public const string Route = "/api/ingest/credentials";
    private const string AdminPolicy = "credentials-admin";

    public sealed record CredentialView(string Key, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
    {
        public static CredentialView From(LrsCredential credential) =>
            new(credential.Key, credential.Name, credential.Scopes, credential.CreatedAt, credential.RevokedAt);
    }

    public sealed record NewCredential(string Name, IReadOnlyList<string>? Scopes);

    public sealed record CreatedCredential(CredentialView Credential, string Secret);

    /// <summary>The API key scheme beside the LRS's own (which stays the default) and the policy these endpoints require.</summary>
    public static void AddCredentialsApi(this IHostApplicationBuilder builder)
    {
        builder.AddApiKeyScheme();
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiKeyScopes.ClaimType, ApiKeyScopes.Admin));
    }

    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder app)
    {
        var credentials = app.MapGroup(Route).WithTags("Credentials").RequireAuthorization(AdminPolicy);
        credentials.MapGet("/", ListCredentials).WithName("ListCredentials")
            .WithSummary("Every LRS credential (key, name, scopes, created, revoked); never a secret.");
        credentials.MapPost("/", CreateCredential).WithName("CreateCredential")
            .WithSummary("Creates a key and secret (scopes default to statements/write); the answer holds the secret, shown this once.");
        credentials.MapDelete("/{key}", RevokeCredential).WithName("RevokeCredential")
            .WithSummary("Revokes the credential: xAPI requests with it are refused from now on.");
        return app;
    }

    public static async Task<Ok<List<CredentialView>>> ListCredentials(CredentialStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(CredentialView.From).ToList());

    public static async Task<Results<Created<CreatedCredential>, ValidationProblem>> CreateCredential(
        NewCredential request, CredentialStore store, HttpContext context, ILogger<CredentialStore> logger, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return Invalid("name", "is required (at most 100 characters)");
        }
        var scopes = request.Scopes is { Count: > 0 } given ? given : [XapiScopes.StatementsWrite];
        if (scopes.FirstOrDefault(scope => !XapiScopes.Known.Contains(scope)) is { } unknown)
        {
            return Invalid("scopes", $"unknown scope '{unknown}'; scopes: {string.Join(", ", XapiScopes.Known)}");
        }
        var actor = ApiKeyActor.Of(context);
        var (credential, secret) = await store.CreateAsync(request.Name.Trim(), scopes.ToList(), actor, cancellationToken);
        logger.LogInformation("LRS credential {Key} ({Name}, {Scopes}) created by {Caller} for {User}",
            credential.Key, credential.Name, string.Join(",", credential.Scopes), actor.ApiKeyName, actor.UserName);
        return TypedResults.Created($"{Route}/{credential.Key}", new CreatedCredential(CredentialView.From(credential), secret));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeCredential(
        string key, CredentialStore store, HttpContext context, ILogger<CredentialStore> logger, CancellationToken cancellationToken)
    {
        var actor = ApiKeyActor.Of(context);
        if (key.Length > 256 || !await store.RevokeAsync(key, actor, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        logger.LogInformation("LRS credential {Key} revoked by {Caller} for {User}", key, actor.ApiKeyName, actor.UserName);
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(string parameter, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [error] }, title: "Invalid request");
}
