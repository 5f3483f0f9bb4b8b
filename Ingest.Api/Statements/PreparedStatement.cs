using System.Text.Json.Nodes;
using SevenTaps.Xapi;

namespace Ingest.Api.Statements;

/// <summary>
/// A validated statement ready to store: the LRS-set properties (id, stored, timestamp, authority, version)
/// are filled in, its "exact" JSON is serialized, and the values the GET filters use are extracted.
/// </summary>
/// <param name="Submitted">The statement as the client sent it: what a repeated submission is compared with.</param>
public sealed record PreparedStatement(
    Guid Id,
    JsonObject Submitted,
    string Json,
    DateTimeOffset Stored,
    DateTimeOffset Timestamp,
    StatementIndexKeys Keys)
{
    public bool IsVoiding => Keys.VoidedStatementId is not null;

    public Guid? VoidsStatementId => Keys.VoidedStatementId is { } target ? Guid.Parse(target) : null;
}
