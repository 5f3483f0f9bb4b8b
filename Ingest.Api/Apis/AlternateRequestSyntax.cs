using System.Text;
using Ingest.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using SevenTaps.Xapi;

namespace Ingest.Api.Apis;

/// <summary>
/// The xAPI 1.0.3 alternate request syntax (Communication 1.3), for browsers that can only POST and cannot set
/// headers (IE's XDomainRequest) and for GET queries longer than a URL allows: <c>POST …?method=PUT</c> with a
/// form body whose <c>content</c> field is the request body, whose header fields (Authorization,
/// X-Experience-API-Version, Content-Type, …) are headers and whose other fields are the query. The request is
/// rewritten into the one it stands for before routing and authentication, so it is served by the same endpoints.
/// Nothing of the body is read for a caller who has not proven who it is: a request with an Authorization header is
/// authenticated before its form is read (and refused at once when the header is wrong); a form that carries its own
/// credentials is read only up to <see cref="XapiOptions.MaxCredentialFormBytes"/>.
/// </summary>
/// <remarks>xAPI 2.0 dropped the syntax; a 2.0 request using it is refused with a clear 400.</remarks>
public sealed class AlternateRequestSyntax(RequestDelegate next, IOptions<XapiOptions> options)
{
    public const string MethodParameter = "method";
    public const string ContentField = "content";

    private static readonly string[] HeaderFields =
        [HeaderNames.Authorization, XapiVersionFilter.Header, HeaderNames.ContentType, HeaderNames.ContentLength, HeaderNames.IfMatch, HeaderNames.IfNoneMatch];

    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Post, HttpMethods.Delete];

    private static readonly string[] FormMediaTypes = ["application/x-www-form-urlencoded", "text/plain"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Query.ContainsKey(MethodParameter) || !request.Path.StartsWithSegments(PublicRoutes.Xapi))
        {
            await next(context);
            return;
        }
        if (request.Headers.Authorization.Count > 0)
        {
            // The handler keeps its result for the request, so the authentication middleware later reuses this one.
            if (!(await context.AuthenticateAsync(LrsBasicAuthenticationHandler.SchemeName)).Succeeded)
            {
                await context.ChallengeAsync(LrsBasicAuthenticationHandler.SchemeName);
                return;
            }
        }
        else if (!LimitUnauthenticatedForm(context))
        {
            await XapiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Form too large", FormTooLarge);
            return;
        }
        string? error;
        try
        {
            error = await RewriteAsync(context);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await XapiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Form too large", FormTooLarge);
            return;
        }
        if (error is not null)
        {
            await XapiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid alternate request", error);
            return;
        }
        await next(context);
    }

    private string FormTooLarge =>
        $"a form that carries its own credentials may be at most {options.Value.MaxCredentialFormBytes} bytes; send larger requests with an Authorization header";

    /// <summary>
    /// Caps the body of a form whose credentials are inside it: false when its declared length is over the cap; a body
    /// without a length stops being read at the cap (the server answers 413).
    /// </summary>
    private bool LimitUnauthenticatedForm(HttpContext context)
    {
        var limit = options.Value.MaxCredentialFormBytes;
        if (context.Request.ContentLength > limit)
        {
            return false;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }
        return true;
    }

    /// <summary>Turns the request into the one it stands for; returns why it cannot, or null.</summary>
    private async Task<string?> RewriteAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Query.Count != 1 || request.Query[MethodParameter].Count != 1)
        {
            return "with the alternate request syntax the only query parameter is 'method'; send the others as form fields";
        }
        var method = Methods.FirstOrDefault(candidate => string.Equals(candidate, request.Query[MethodParameter], StringComparison.OrdinalIgnoreCase));
        if (method is null)
        {
            return $"method must be one of {string.Join(", ", Methods)}";
        }
        // XDomainRequest cannot set a Content-Type, so it arrives as text/plain or without one.
        if (request.ContentType is { Length: > 0 } declared
            && (!MediaTypeHeaderValue.TryParse(declared, out var mediaType) || !FormMediaTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase)))
        {
            return "the alternate request syntax sends its fields as application/x-www-form-urlencoded";
        }

        Dictionary<string, StringValues> form;
        try
        {
            using var reader = new FormReader(request.Body)
            {
                ValueLengthLimit = (int)Math.Min(int.MaxValue, options.Value.MaxRequestBodyBytes),
                KeyLengthLimit = 256,
                ValueCountLimit = 64,
            };
            form = await reader.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException exception)
        {
            return $"the form body cannot be read: {exception.Message}";
        }
        if (form.FirstOrDefault(field => field.Value.Count > 1) is { Key: { } repeated })
        {
            return $"form field '{repeated}' is given more than once";
        }

        var version = Field(form, XapiVersionFilter.Header) ?? request.Headers[XapiVersionFilter.Header].ToString();
        if (XapiVersions.TryParse(version, out var parsed) && parsed == XapiVersion.V2_0_0)
        {
            return "xAPI 2.0 removed the alternate request syntax; send a normal request";
        }

        request.Method = method;
        foreach (var name in HeaderFields)
        {
            // A real Authorization header was checked before the form was read, and stands.
            if (name == HeaderNames.Authorization && request.Headers.Authorization.Count > 0)
            {
                continue;
            }
            if (Field(form, name) is { } value)
            {
                request.Headers[name] = value;
            }
        }
        var content = Encoding.UTF8.GetBytes(Field(form, ContentField) ?? "");
        request.Body = new MemoryStream(content, writable: false);
        request.ContentLength = content.Length;
        if (content.Length == 0)
        {
            request.Headers.ContentType = StringValues.Empty;
        }
        else if (Field(form, HeaderNames.ContentType) is null)
        {
            request.ContentType = "application/json";
        }

        var query = form.Where(field => field.Key != ContentField && !HeaderFields.Contains(field.Key, StringComparer.OrdinalIgnoreCase));
        request.QueryString = QueryString.Create(query.Select(field => KeyValuePair.Create(field.Key, (string?)field.Value.ToString())));
        return null;
    }

    private static string? Field(Dictionary<string, StringValues> form, string name) =>
        form.FirstOrDefault(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found ? found.Value.ToString() : null;
}
