using SevenTaps.ApiKeys;

namespace Agent.Api.Apis;

/// <summary>Seven as an MCP server (streamable HTTP) for MCP clients, with the same API keys and scope as the chat.</summary>
public static class McpApi
{
    public const string Route = PublicRoutes.Agent + "/mcp";

    public static IEndpointConventionBuilder MapMcpApi(this IEndpointRouteBuilder app) =>
        app.MapMcp(Route).RequireAuthorization(ApiKeyScopes.Agent).WithTags("Agent");
}
