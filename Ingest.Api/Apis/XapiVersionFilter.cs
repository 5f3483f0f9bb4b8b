using SevenTaps.Xapi;

namespace Ingest.Api.Apis;

/// <summary>
/// Every statements request must say which xAPI version it speaks (X-Experience-API-Version); 1.0.x and 2.0.x
/// are supported. Every response says which version the LRS used.
/// </summary>
public sealed class XapiVersionFilter(ClientVersions clients) : IEndpointFilter
{
    public const string Header = "X-Experience-API-Version";
    private const string VersionItem = "xapi.version";

    public static XapiVersion VersionOf(HttpContext context) => (XapiVersion)context.Items[VersionItem]!;

    public static string ResponseVersion(XapiVersion version) => version == XapiVersion.V2_0_0 ? "2.0.0" : "1.0.3";

    /// <summary>
    /// The version a refusal speaks when the request's cannot be served: 2.0.0 when the client asked for a later
    /// 2.x, else the version the same credential last spoke (<see cref="ClientVersions"/>), else 1.0.3, the version
    /// a pre-2.0 client can read.
    /// </summary>
    private static string UnsupportedResponseVersion(string requested, XapiVersion? lastSpoken = null) =>
        requested.TrimStart().StartsWith("2.", StringComparison.Ordinal) ? "2.0.0"
        : lastSpoken is { } version ? ResponseVersion(version)
        : "1.0.3";

    /// <summary>The version a response speaks for a request that asked for <paramref name="requested"/>.</summary>
    public static string ResponseVersion(string requested) =>
        XapiVersions.TryParse(requested, out var version) ? ResponseVersion(version) : UnsupportedResponseVersion(requested);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var requested = context.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(requested))
        {
            context.Response.Headers[Header] = UnsupportedResponseVersion(requested, clients.LastOf(context.User));
            return ValueTask.FromResult<object?>(XapiErrors.Invalid(Header, "header is required (1.0.3 or 2.0.0)"));
        }
        if (!XapiVersions.TryParse(requested, out var version))
        {
            context.Response.Headers[Header] = UnsupportedResponseVersion(requested, clients.LastOf(context.User));
            return ValueTask.FromResult<object?>(XapiErrors.Invalid(Header, $"version {requested} is not supported; use 1.0.x or 2.0.x"));
        }

        context.Items[VersionItem] = version;
        clients.Record(context.User, version);
        context.Response.Headers[Header] = ResponseVersion(version);
        return next(invocation);
    }
}
