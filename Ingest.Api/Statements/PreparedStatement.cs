using System.Text.Json.Nodes;
using SevenTaps.Xapi;

namespace Ingest.Api.Statements;

/// <summary>
/// A validated statement ready to store: the LRS-set properties (id, stored, timestamp, authority, version)
/// are filled in, its "exact" JSON is serialized, and the values the GET filters use are extracted.
/// </summary>
/// <remarks>
/// It keeps the serialized statement, not its DOM, so that the DOMs die young: a request's statements wait for their
/// transaction, and DOMs kept that long were promoted and collected in older generations (see XapiApi.StoreAsync).
/// </remarks>
/// <param name="Utf8Json">The statement as stored, UTF-8 encoded as PostgreSQL receives it.</param>
/// <param name="TimestampSetByLrs">The client sent no timestamp.</param>
/// <param name="VersionSetByLrs">The client sent no version.</param>
public sealed record PreparedStatement(
    Guid Id,
    byte[] Utf8Json,
    DateTimeOffset Stored,
    DateTimeOffset Timestamp,
    StatementIndexKeys Keys,
    bool TimestampSetByLrs,
    bool VersionSetByLrs)
{
    /// <summary>
    /// What the client submitted, as far as statement comparison can tell: the properties the LRS added are
    /// removed again (stored and authority are ignored by the comparison anyway). Built only when an id is seen
    /// twice, so the common path never parses a statement again.
    /// </summary>
    public JsonObject Submitted()
    {
        var submitted = JsonNode.Parse(Utf8Json)!.AsObject();
        if (TimestampSetByLrs)
        {
            submitted.Remove("timestamp");
        }
        if (VersionSetByLrs)
        {
            submitted.Remove("version");
        }
        return submitted;
    }

    /// <summary>
    /// The Activity definitions this statement gives (id, definition JSON), kept for the Activities Resource; empty
    /// unless its credential may define Activities.
    /// </summary>
    public IReadOnlyList<(string ActivityId, string Definition)> Definitions { get; init; } = [];

    public bool IsVoiding => Keys.VoidedStatementId is not null;

    public Guid? VoidsStatementId => Keys.VoidedStatementId is { } target ? Guid.Parse(target) : null;
}
