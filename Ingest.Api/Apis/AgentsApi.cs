using System.Text.Json;
using System.Text.Json.Nodes;
using SevenTaps.Xapi;

namespace Ingest.Api.Apis;

/// <summary>
/// The Agents Resource (Communication "Agents Resource"): the Person object of an Agent. The specification means
/// it to combine what an outside service (a directory) knows about the person; this LRS has no such service and
/// links no identifiers to each other, so the Person holds what the requested Agent says, as the specification
/// requires of an LRS without additional information.
/// </summary>
public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(PublicRoutes.Xapi).WithTags("xAPI agents").RequireCors(XapiApi.CorsPolicy)
            .MapMethods("/agents", [HttpMethods.Get, HttpMethods.Head], GetPerson)
            .AddEndpointFilter<XapiVersionFilter>()
            .WithName("GetPerson")
            .WithSummary("The Person object of the Agent given as agent (JSON): each property of the Agent as an array.")
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .RequireAuthorization(XapiApi.ReadPolicy);
        return app;
    }

    public static IResult GetPerson(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.Keys.FirstOrDefault(key => key != "agent") is { } unknown)
        {
            return XapiErrors.Invalid(unknown, "is not a parameter of the Agents Resource");
        }
        JsonNode? agent;
        try
        {
            agent = query["agent"].Count == 1 ? JsonNode.Parse(query["agent"].ToString()) : null;
        }
        catch (JsonException)
        {
            return XapiErrors.Invalid("agent", "must be an Agent as JSON");
        }
        if (StatementValidator.ValidateAgent(agent, XapiVersionFilter.VersionOf(context), "agent") is [var first, ..])
        {
            return XapiErrors.Invalid(first.Path, first.Message);
        }
        return TypedResults.Json(Person(agent!.AsObject()));
    }

    /// <summary>"objectType": "Person", and every other property of the Agent as an array of its value (Communication "Person Properties").</summary>
    public static JsonObject Person(JsonObject agent)
    {
        var person = new JsonObject { ["objectType"] = "Person" };
        foreach (var name in InverseFunctionalIdentifier.PropertyNames.Prepend("name"))
        {
            if (agent[name] is { } value)
            {
                person[name] = new JsonArray(value.DeepClone());
            }
        }
        return person;
    }
}
