using System.Text.Json.Nodes;
using Ingest.Api.Statements;
using SevenTaps.Xapi;

namespace Ingest.Api.Apis;

/// <summary>The Activities Resource (Communication "Activities Resource"): the full Activity object the LRS knows.</summary>
public static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(PublicRoutes.Xapi).WithTags("xAPI activities").RequireCors(XapiApi.CorsPolicy)
            .MapMethods("/activities", [HttpMethods.Get, HttpMethods.Head], GetActivity)
            .AddEndpointFilter<XapiVersionFilter>()
            .WithName("GetActivity")
            .WithSummary("The Activity object of activityId with its canonical definition: the merge of every definition statements of credentials allowed to define (scope define or all) gave it, as object or context activity; without one, the Activity with its id only.")
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .RequireAuthorization(XapiApi.ReadPolicy);
        return app;
    }

    public static async Task<IResult> GetActivity(HttpContext context, ActivityDefinitions definitions)
    {
        var query = context.Request.Query;
        if (query.Keys.FirstOrDefault(key => key != "activityId") is { } unknown)
        {
            return XapiErrors.Invalid(unknown, "is not a parameter of the Activities Resource");
        }
        var activityId = query["activityId"].Count == 1 ? query["activityId"].ToString() : null;
        if (!XapiIri.IsValidIri(activityId))
        {
            return XapiErrors.Invalid("activityId", "is required and must be an IRI");
        }

        // An Activity the LRS has no definition of is still returned (the specification's SHOULD), with its id alone.
        var activity = new JsonObject { ["objectType"] = "Activity", ["id"] = activityId };
        if (await definitions.FindAsync(activityId!, context.RequestAborted) is { } definition)
        {
            activity["definition"] = definition;
        }
        return TypedResults.Json(activity);
    }
}
