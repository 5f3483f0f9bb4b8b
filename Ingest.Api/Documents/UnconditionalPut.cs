namespace Ingest.Api.Documents;

/// <summary>What a PUT without If-Match or If-None-Match may do (Communication "Concurrency").</summary>
public enum UnconditionalPut
{
    /// <summary>Store or replace (the State Resource of 1.0.3, whose clients are not asked for the headers).</summary>
    Allowed,

    /// <summary>Store a new document; replacing a stored one is 409 (the State Resource of 2.0).</summary>
    NotOverStored,

    /// <summary>
    /// 409 over a stored document, 400 otherwise: a Learning Record Provider writing a profile SHOULD* send
    /// If-Match or If-None-Match (SHOULD*: required for conformance), and the conformance suite checks that the LRS
    /// refuses a profile PUT without them (XAPI-00273).
    /// </summary>
    Refused,
}
