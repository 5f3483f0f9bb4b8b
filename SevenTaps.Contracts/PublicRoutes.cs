namespace SevenTaps.Contracts;

/// <summary>
/// The gateway's URL space. Services serve their endpoints (and OpenAPI documents) under their own prefix,
/// so the gateway forwards paths unchanged and a URL means the same thing in front of it and behind it.
/// </summary>
public static class PublicRoutes
{
    public const string Xapi = "/xapi";
    public const string Analytics = "/api/analytics";
    public const string Normalizer = "/api/normalizer";
    public const string Agent = "/api/agent";

    /// <summary>Where each service serves its OpenAPI document, e.g. <c>/xapi/openapi/v1.json</c>.</summary>
    public static string OpenApiDocument(string prefix) => $"{prefix}/openapi/{{documentName}}.json";
}
