using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ingest.Api.Security;

/// <summary>
/// HTTP Basic authentication with LRS credentials, as xAPI clients (7taps among them) send it.
/// The principal carries the credential's id, name and xAPI scopes.
/// </summary>
public sealed class LrsBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialStore credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LrsBasic";
    public const string CredentialIdClaim = "credential_id";
    private const string Realm = "SevenTaps LRS";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("The Basic credentials are not valid base64.");
        }
        var separator = decoded.IndexOf(':');
        if (separator <= 0)
        {
            return AuthenticateResult.Fail("The Basic credentials are not key:secret.");
        }

        var credential = await credentials.VerifyAsync(decoded[..separator], decoded[(separator + 1)..], Context.RequestAborted);
        if (credential is null)
        {
            return AuthenticateResult.Fail("Unknown key or wrong secret.");
        }

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
        Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        await XapiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            "Send LRS credentials with HTTP Basic authentication (key:secret).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        XapiErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden",
            "These credentials do not have a scope that allows this request.");
}
