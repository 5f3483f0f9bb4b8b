using System.Globalization;
using Ingest.Api.Statements;

namespace Ingest.Api.Apis;

/// <summary>
/// The headers every LRS response carries, also when it is answered before an endpoint runs (401, 403, a refused
/// alternate request): <c>X-Experience-API-Version</c> on every response (Communication "Versioning"), and
/// <c>X-Experience-API-Consistent-Through</c> on every response of the Statement Resource, errors included
/// (Communication "GET Statements"). Endpoints that set them themselves keep their values.
/// </summary>
public sealed class XapiResponseHeaders(RequestDelegate next, ConsistencyWatermark watermark)
{
    public const string ConsistentThroughHeader = "X-Experience-API-Consistent-Through";

    private static readonly PathString Statements = $"{PublicRoutes.Xapi}/statements";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(PublicRoutes.Xapi))
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey(XapiVersionFilter.Header))
                {
                    headers[XapiVersionFilter.Header] = XapiVersionFilter.ResponseVersion(context.Request.Headers[XapiVersionFilter.Header].ToString());
                }
                if (context.Request.Path.StartsWithSegments(Statements) && !headers.ContainsKey(ConsistentThroughHeader))
                {
                    headers[ConsistentThroughHeader] = Format(watermark.ConsistentThrough);
                }
                return Task.CompletedTask;
            });
        }
        return next(context);
    }

    public static string Format(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
