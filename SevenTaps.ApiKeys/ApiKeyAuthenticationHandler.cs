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

namespace SevenTaps.ApiKeys;

/// <summary>
/// <c>Authorization: Bearer sta_...</c>. No key or an unknown one: 401; a key without the endpoint's scope: 403;
/// keys cannot be checked (the table does not exist yet, or the database is unreachable): 503, never a 500.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private string? _unavailable;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return AuthenticateResult.NoResult();
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
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        Claim[] claims =
        [
            new(ClaimTypes.Name, key.Name),
            new("api_key_id", key.Id.ToString()),
            .. key.Scopes.Select(scope => new Claim(ApiKeyScopes.ClaimType, scope)),
        ];
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
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
            "The API key table does not exist yet: analytics-api creates it when it starts.",
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
