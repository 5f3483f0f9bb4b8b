using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Ingest.Api.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;
using SevenTaps.Security;

namespace Ingest.Api.Security;

/// <summary>
/// HTTP Basic authentication with LRS credentials, as xAPI clients (7taps among them) send it.
/// The principal carries the credential's id, name and xAPI scopes.
/// <para>
/// Failed logins are throttled per key and per client address (<see cref="LoginThrottle"/>): a held-back attempt is
/// answered 429 with Retry-After without being checked. Credentials that cannot be checked because PostgreSQL is
/// unreachable get 503 with Retry-After, as a write would; so do credentials the process is too busy verifying others
/// to check (<see cref="SecretVerificationLimit"/>): neither counts as a failure.
/// </para>
/// </summary>
public sealed class LrsBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialStore credentials,
    LoginThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LrsBasic";
    public const string CredentialIdClaim = "credential_id";
    private const string Realm = "SevenTaps LRS";

    private TimeSpan? _retryAfter;
    private bool _unavailable;
    private TimeSpan? _busyFor;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress;
        string? key = null;
        string? secret = null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
            var separator = decoded.IndexOf(':');
            if (separator > 0)
            {
                key = decoded[..separator];
                secret = decoded[(separator + 1)..];
            }
        }
        catch (FormatException)
        {
        }

        if (throttle.RetryAfter(key, address) is { } wait)
        {
            _retryAfter = wait;
            return AuthenticateResult.Fail("Too many failed logins.");
        }
        if (key is null || secret is null)
        {
            throttle.Failed(null, address);
            return AuthenticateResult.Fail("The Basic credentials are not base64 of key:secret.");
        }

        LrsCredential? credential;
        try
        {
            credential = await credentials.VerifyAsync(key, secret, Context.RequestAborted);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !Context.RequestAborted.IsCancellationRequested)
        {
            Logger.LogWarning("Credentials cannot be checked: {Error}", exception.Message);
            _unavailable = true;
            return AuthenticateResult.Fail("The credential store is unreachable.");
        }
        catch (SecretVerificationBusyException busy)
        {
            _busyFor = busy.RetryAfter;
            return AuthenticateResult.Fail(busy.Message);
        }
        if (credential is null)
        {
            throttle.Failed(key, address);
            return AuthenticateResult.Fail("Unknown key or wrong secret.");
        }
        throttle.Succeeded(key, address);

        List<Claim> claims =
        [
            new(CredentialIdClaim, credential.Id.ToString()),
            new(ClaimTypes.Name, credential.Name),
            .. credential.Scopes.Select(scope => new Claim(XapiScopes.ClaimType, scope)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_retryAfter is { } wait)
        {
            Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
            await XapiErrors.WriteAsync(Context, StatusCodes.Status429TooManyRequests, "Too many failed logins",
                "Too many failed logins for this key or from this address: retry after the time in Retry-After.");
            return;
        }
        if (_busyFor is { } busyFor)
        {
            Response.Headers.RetryAfter = RetryAfter.Seconds(busyFor);
            await XapiErrors.WriteAsync(Context, StatusCodes.Status503ServiceUnavailable, "Too many logins at once",
                "Too many credentials are being checked at once; these were not checked. Retry after the time in Retry-After.");
            return;
        }
        if (_unavailable)
        {
            Response.Headers.RetryAfter = "5";
            await XapiErrors.WriteAsync(Context, StatusCodes.Status503ServiceUnavailable, "Credentials unavailable",
                "The credential store cannot be reached. Retry later.");
            return;
        }
        Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        await XapiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            "Send LRS credentials with HTTP Basic authentication (key:secret).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        XapiErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden",
            "These credentials do not have a scope that allows this request.");
}
