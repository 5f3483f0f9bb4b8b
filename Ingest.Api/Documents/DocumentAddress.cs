using System.Text.Json;
using System.Text.Json.Nodes;
using SevenTaps.Xapi;

namespace Ingest.Api.Documents;

/// <summary>
/// Where a document lives: its resource, Activity, Agent (canonical IFI), registration and id, from the query
/// parameters of one request. <see cref="DocumentId"/> is null for the requests on several documents (list, state DELETE).
/// </summary>
public sealed record DocumentAddress(DocumentKind Kind, string ActivityId, string Agent, Guid? Registration, string? DocumentId)
{
    /// <summary>A parsed request: the address, the <c>since</c> of a list, or the parameter at fault.</summary>
    public sealed record Parsed(DocumentAddress? Address, DateTimeOffset? Since, string? ErrorPath = null, string? Error = null);

    public static string IdParameter(DocumentKind kind) => kind == DocumentKind.State ? "stateId" : "profileId";

    /// <summary>
    /// Reads the parameters of <paramref name="kind"/>'s resource. Parameters the resource does not define are refused
    /// (Communication "Error Codes": an unrecognized parameter is 400), and so is <c>since</c> anywhere but a list.
    /// </summary>
    public static Parsed Parse(DocumentKind kind, IQueryCollection query, XapiVersion version, bool single)
    {
        var idParameter = IdParameter(kind);
        string[] allowed = kind switch
        {
            DocumentKind.State => ["activityId", "agent", "registration", idParameter, "since"],
            DocumentKind.ActivityProfile => ["activityId", idParameter, "since"],
            _ => ["agent", idParameter, "since"],
        };
        if (query.Keys.FirstOrDefault(key => !allowed.Contains(key, StringComparer.Ordinal)) is { } unknown)
        {
            return Fail(unknown, "is not a parameter of this resource");
        }
        if (query.Keys.FirstOrDefault(key => query[key].Count > 1) is { } repeated)
        {
            return Fail(repeated, "is given more than once");
        }

        var activityId = "";
        if (kind != DocumentKind.AgentProfile)
        {
            activityId = query["activityId"].ToString();
            if (!XapiIri.IsValidIri(activityId))
            {
                return Fail("activityId", "is required and must be an IRI");
            }
        }

        var agent = "";
        if (kind != DocumentKind.ActivityProfile)
        {
            JsonNode? node;
            try
            {
                node = query.ContainsKey("agent") ? JsonNode.Parse(query["agent"].ToString()) : null;
            }
            catch (JsonException)
            {
                return Fail("agent", "must be an Agent as JSON");
            }
            if (StatementValidator.ValidateAgent(node, version, "agent") is [var first, ..])
            {
                return Fail(first.Path, first.Message);
            }
            agent = InverseFunctionalIdentifier.GetCanonical(node)!;
        }

        Guid? registration = null;
        if (query.ContainsKey("registration"))
        {
            if (!Guid.TryParse(query["registration"].ToString(), out var parsed))
            {
                return Fail("registration", "must be a UUID");
            }
            registration = parsed;
        }

        var documentId = query.ContainsKey(idParameter) ? query[idParameter].ToString() : null;
        if (single && documentId is null)
        {
            return Fail(idParameter, "is required");
        }

        DateTimeOffset? since = null;
        if (query.ContainsKey("since"))
        {
            if (documentId is not null)
            {
                return Fail("since", $"applies only to a list of ids, not with {idParameter}");
            }
            if (!XapiTimestamp.TryParse(query["since"].ToString(), out var instant))
            {
                return Fail("since", "must be an ISO 8601 timestamp");
            }
            since = instant.ToUniversalTime();
        }

        return new Parsed(new DocumentAddress(kind, activityId, agent, registration, documentId), since);
    }

    private static Parsed Fail(string path, string message) => new(null, null, path, message);
}
