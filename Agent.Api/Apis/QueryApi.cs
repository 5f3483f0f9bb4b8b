using System.Text.Json;
using Agent.Api.Guard;
using Agent.Api.Workbench;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SevenTaps.Analysis.Description;
using NpgsqlTypes;
using SevenTaps.ApiKeys;

namespace Agent.Api.Apis;

/// <summary>
/// The guarded query endpoint: one read-only SELECT over the published analysis tables, run by <see cref="SqlGuard"/>.
/// Seven's engines use the same guard in process; the dashboard's SQL workbench calls this.
/// </summary>
public static class QueryApi
{
    public static RouteGroupBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(PublicRoutes.Agent).WithTags("Agent").RequireAuthorization(ApiKeyScopes.Agent);

        api.MapPost("/query", RunQuery)
            .WithName("RunGuardedQuery")
            .WithSummary("Runs one read-only SELECT over the analysis tables through the SQL guard; refusals are 422 with the reason");
        api.MapGet("/schema", DescribeSchema)
            .WithName("DescribeSchema")
            .WithSummary("The published analysis tables (columns with types and meanings, joins, glossary): what the guard allows, as models and the workbench see it");

        return api;
    }

    public static async Task<Results<Ok<QueryResponse>, ProblemHttpResult>> RunQuery(QueryRequest request, SqlGuard guard, CancellationToken cancellationToken)
    {
        var parameters = (request.Parameters ?? []).Select(JsonParameter).ToArray();
        var outcome = await guard.RunAsync(request.Sql ?? "", parameters, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return TypedResults.Problem(
                title: "The query was refused", detail: refusal.Reason, statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
        }
        var result = outcome.Result!;
        return TypedResults.Ok(new QueryResponse(result.Columns, result.Rows, result.Truncated, result.EstimatedCost, Math.Round(result.Duration.TotalMilliseconds, 1)));
    }

    /// <summary>The published description (tables, columns with types and meanings, joins, glossary) of the tables the guard allows.</summary>
    public static Ok<SchemaDescription> DescribeSchema() => TypedResults.Ok(AnalysisSchemaDescription.Published);

    /// <summary>
    /// A JSON parameter as Npgsql binds it: numbers, booleans and null as such; text and arrays as text of unknown type,
    /// which PostgreSQL types from where the parameter stands (a timestamp, a date, an integer array), as it would a
    /// literal. So the <c>sql</c> and <c>parameters</c> of a chat answer run here unchanged.
    /// </summary>
    internal static object? JsonParameter(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Untyped(value.GetString()!),
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => Untyped(ArrayLiteral(value)),
        _ => throw new BadHttpRequestException("Parameters are strings, numbers, booleans, arrays of them or null."),
    };

    private static NpgsqlParameter Untyped(string text) => new() { Value = text, NpgsqlDbType = NpgsqlDbType.Unknown };

    private static string ArrayLiteral(JsonElement array)
    {
        try
        {
            return SqlLiterals.ArrayLiteral(array);
        }
        catch (ArgumentException exception)
        {
            throw new BadHttpRequestException(exception.Message);
        }
    }
}

/// <param name="Sql">One SELECT (or WITH ... SELECT); positional parameters as <c>$1</c>.</param>
public sealed record QueryRequest(string? Sql, JsonElement[]? Parameters);

public sealed record QueryResponse(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, bool Truncated, double EstimatedCost, double DurationMs);
