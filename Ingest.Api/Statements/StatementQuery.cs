using System.Text.Json;
using System.Text.Json.Nodes;
using SevenTaps.Xapi;

namespace Ingest.Api.Statements;

/// <summary>The parameters of GET /statements (xAPI Communication, "Statement Resource"), parsed and checked.</summary>
public sealed record StatementQuery
{
    public static readonly IReadOnlySet<string> Parameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "statementId", "voidedStatementId", "agent", "verb", "activity", "registration", "related_activities",
        "related_agents", "since", "until", "limit", "format", "attachments", "ascending", Cursor,
    };

    /// <summary>Our paging cursor in <c>more</c> links: the last sequence number of the previous page.</summary>
    public const string Cursor = "cursor";

    private static readonly string[] SingleStatementCompanions = ["attachments", "format"];

    public Guid? StatementId { get; init; }
    public Guid? VoidedStatementId { get; init; }
    public string? AgentIfi { get; init; }
    public string? VerbId { get; init; }
    public string? ActivityId { get; init; }
    public Guid? Registration { get; init; }
    public bool RelatedActivities { get; init; }
    public bool RelatedAgents { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public int Limit { get; init; }
    public StatementFormat Format { get; init; } = StatementFormat.Exact;
    public bool Attachments { get; init; }
    public bool Ascending { get; init; }
    public long? AfterSequence { get; init; }

    public bool IsSingle => StatementId is not null || VoidedStatementId is not null;

    /// <summary>Parses the query string; returns the query or the offending parameter and why.</summary>
    public static (StatementQuery? Query, string? Parameter, string? Error) Parse(IQueryCollection query, XapiOptions options)
    {
        foreach (var key in query.Keys)
        {
            if (!Parameters.Contains(key))
            {
                return (null, key, "is not a parameter of the statements resource");
            }
            if (query[key].Count > 1)
            {
                return (null, key, "is given more than once");
            }
        }

        string? Value(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        var result = new StatementQuery { Limit = options.DefaultQueryLimit };

        if (Value("statementId") is { } statementId)
        {
            if (!Guid.TryParse(statementId, out var id))
            {
                return (null, "statementId", "must be a UUID");
            }
            result = result with { StatementId = id };
        }
        if (Value("voidedStatementId") is { } voidedId)
        {
            if (!Guid.TryParse(voidedId, out var id))
            {
                return (null, "voidedStatementId", "must be a UUID");
            }
            if (result.StatementId is not null)
            {
                return (null, "voidedStatementId", "cannot be combined with statementId");
            }
            result = result with { VoidedStatementId = id };
        }
        if (result.IsSingle && query.Keys.FirstOrDefault(key => key is not ("statementId" or "voidedStatementId") && !SingleStatementCompanions.Contains(key)) is { } extra)
        {
            return (null, extra, "cannot be combined with statementId or voidedStatementId (only attachments and format can)");
        }

        if (Value("agent") is { } agent)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(agent);
            }
            catch (JsonException)
            {
                return (null, "agent", "must be an Agent or Identified Group as JSON");
            }
            var ifi = node is JsonObject ? InverseFunctionalIdentifier.GetCanonical(node) : null;
            if (ifi is null)
            {
                return (null, "agent", "must be an Agent or Identified Group with exactly one identifier (mbox, mbox_sha1sum, openid or account)");
            }
            result = result with { AgentIfi = ifi };
        }
        if (Value("verb") is { } verb)
        {
            if (!XapiIri.IsValidIri(verb))
            {
                return (null, "verb", "must be an IRI");
            }
            result = result with { VerbId = verb };
        }
        if (Value("activity") is { } activity)
        {
            if (!XapiIri.IsValidIri(activity))
            {
                return (null, "activity", "must be an IRI");
            }
            result = result with { ActivityId = activity };
        }
        if (Value("registration") is { } registration)
        {
            if (!Guid.TryParse(registration, out var id))
            {
                return (null, "registration", "must be a UUID");
            }
            result = result with { Registration = id };
        }

        foreach (var (name, apply) in new (string, Func<StatementQuery, bool, StatementQuery>)[]
        {
            ("related_activities", (q, v) => q with { RelatedActivities = v }),
            ("related_agents", (q, v) => q with { RelatedAgents = v }),
            ("attachments", (q, v) => q with { Attachments = v }),
            ("ascending", (q, v) => q with { Ascending = v }),
        })
        {
            if (Value(name) is { } flag)
            {
                if (!bool.TryParse(flag, out var parsed))
                {
                    return (null, name, "must be true or false");
                }
                result = apply(result, parsed);
            }
        }

        foreach (var name in new[] { "since", "until" })
        {
            if (Value(name) is { } text)
            {
                if (!XapiTimestamp.TryParse(text, out var instant))
                {
                    return (null, name, "must be an ISO 8601 timestamp");
                }
                // Compared with stored, a timestamptz: PostgreSQL is given UTC, whatever offset the client wrote.
                var utc = instant.ToUniversalTime();
                result = name == "since" ? result with { Since = utc } : result with { Until = utc };
            }
        }

        if (Value("limit") is { } limitText)
        {
            if (!int.TryParse(limitText, out var limit) || limit < 0)
            {
                return (null, "limit", "must be a non-negative integer");
            }
            // 0 means "the server's maximum" (xAPI Communication).
            result = result with { Limit = limit == 0 ? options.MaxQueryLimit : Math.Min(limit, options.MaxQueryLimit) };
        }

        if (Value("format") is { } format)
        {
            StatementFormat? parsed = format switch
            {
                "exact" => StatementFormat.Exact,
                "ids" => StatementFormat.Ids,
                "canonical" => StatementFormat.Canonical,
                _ => null,
            };
            if (parsed is null)
            {
                return (null, "format", "must be ids, exact or canonical");
            }
            result = result with { Format = parsed.Value };
        }

        if (Value(Cursor) is { } cursor)
        {
            if (!long.TryParse(cursor, out var after) || after < 0)
            {
                return (null, Cursor, "is not a cursor this LRS issued");
            }
            result = result with { AfterSequence = after };
        }
        return (result, null, null);
    }
}
