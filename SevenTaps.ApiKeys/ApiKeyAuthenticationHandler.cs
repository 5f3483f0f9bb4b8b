using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SevenTaps.Security;

namespace SevenTaps.ApiKeys;

/// <summary>
/// <c>Authorization: Bearer sta_...</c>. No key or an unknown one: 401; a key without the endpoint's scope: 403;
/// keys cannot be checked (the table does not exist yet, or the database is unreachable): 503, never a 500.
/// Failed attempts are throttled per key prefix and per client address (<see cref="LoginThrottle"/>): a held-back
/// attempt gets 429 with Retry-After without being checked. A key the process is too busy verifying others to check
/// (<see cref="SecretVerificationLimit"/>) gets 503 with Retry-After, and is not counted as a failure.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, LoginThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private string? _unavailable;
    private TimeSpan? _retryAfter;
    private TimeSpan? _busyFor;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return AuthenticateResult.NoResult();
        }
        // The prefix is the key's public part (shown in listings): guesses at one key's remainder count against it.
        // Named apart from xAPI credential keys, which ingest's throttle also counts.
        var prefix = "api-key:" + ApiKeyStore.PrefixOf(header.Parameter);
        var address = Context.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(prefix, address) is { } wait)
        {
            _retryAfter = wait;
            return AuthenticateResult.Fail("Too many failed attempts.");
        }
        ApiKey? key;
        try
        {
            key = await keys.FindAsync(header.Parameter, Context.RequestAborted);
        }
        catch (Exception exception) when (UnavailableBecause(exception) is { } reason)
        {
            Logger.LogWarning("API keys cannot be checked: {Reason} ({Error})", reason, exception.Message);
            _unavailable = reason;
            return AuthenticateResult.Fail(reason);
        }
        catch (SecretVerificationBusyException busy)
        {
            _busyFor = busy.RetryAfter;
            return AuthenticateResult.Fail(busy.Message);
        }
        if (key is null)
        {
            throttle.Failed(prefix, address);
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        throttle.Succeeded(prefix, address);
        Claim[] claims =
        [
            new(ClaimTypes.Name, key.Name),
            new(ApiKeyActor.KeyIdClaimType, key.Id.ToString()),
            .. key.Scopes.Select(scope => new Claim(ApiKeyScopes.ClaimType, scope)),
        ];
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_retryAfter is { } wait)
        {
            Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
            return WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many failed attempts",
                "Too many failed attempts with this key or from this address: retry after the time in Retry-After.");
        }
        if (_busyFor is { } busyFor)
        {
            Response.Headers.RetryAfter = RetryAfter.Seconds(busyFor);
            return WriteProblemAsync(StatusCodes.Status503ServiceUnavailable, "Too many logins at once",
                "Too many API keys are being checked at once; this one was not checked. Retry after the time in Retry-After.");
        }
        if (_unavailable is not null)
        {
            Response.Headers.RetryAfter = "5";
            return WriteProblemAsync(StatusCodes.Status503ServiceUnavailable, "API keys unavailable", _unavailable);
        }
        Response.Headers.WWWAuthenticate = "Bearer realm=\"SevenTaps\"";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required", "Send an API key: Authorization: Bearer sta_...");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Scope missing", "This API key lacks the scope this endpoint requires.");

    /// <summary>Why keys cannot be checked now, or null when the exception means something else.</summary>
    private static string? UnavailableBecause(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.InvalidSchemaName } =>
            "The API key table does not exist yet: analytics-api's migrations create it (AppHost applies them before the services start).",
        NpgsqlException or RetryLimitExceededException or TimeoutException => "The database is unreachable.",
        _ => null,
    };

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
