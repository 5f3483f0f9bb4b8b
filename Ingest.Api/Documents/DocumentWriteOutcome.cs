namespace Ingest.Api.Documents;

/// <summary>What became of a document PUT or POST.</summary>
public enum DocumentWriteOutcome
{
    Written,

    /// <summary>If-Match or If-None-Match did not hold: 412.</summary>
    PreconditionFailed,

    /// <summary>A PUT without If-Match or If-None-Match met a stored profile document: 409.</summary>
    ConflictWithoutPrecondition,

    /// <summary>A POST to merge where either document is not a JSON object: 400.</summary>
    NotMergeable,

    /// <summary>A PUT without If-Match or If-None-Match where <see cref="UnconditionalPut.Refused"/> and nothing is stored: 400.</summary>
    PreconditionRequired,
}
