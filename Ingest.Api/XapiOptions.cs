using System.ComponentModel.DataAnnotations;
using Ingest.Api.Security;
using Ingest.Api.Statements;

namespace Ingest.Api;

/// <summary>Settings of the Learning Record Store, section <c>Xapi</c>.</summary>
public sealed class XapiOptions
{
    public const string SectionName = "Xapi";

    /// <summary>Statements in one POST; more is rejected with 413 before anything is stored.</summary>
    [Range(1, 10_000)]
    public int MaxStatementsPerRequest { get; set; } = 1_000;

    /// <summary>
    /// Largest statement, as JSON (attachment contents travel as multipart parts and do not count); larger is 413.
    /// A 7taps statement is about 2 KB; 1 MiB leaves room for long free-text answers and big extensions while keeping
    /// one statement from taking a batch's memory and transaction time.
    /// </summary>
    [Range(1024, 32 * 1024 * 1024)]
    public int MaxStatementBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest document of the State, Activity Profile and Agent Profile resources; larger is 413. Documents are
    /// read whole into memory and stored in one row, so this bounds both.
    /// </summary>
    [Range(1024, 32 * 1024 * 1024)]
    public int MaxDocumentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The limits a statements request is read with.</summary>
    public StatementRequestReader.Limits RequestLimits => new(MaxStatementsPerRequest, MaxStatementBytes);

    /// <summary>Largest request body, attachments included.</summary>
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Largest 1.0.3 alternate-syntax form that carries its own credentials: it must be read before they can be
    /// checked, so this bounds what an unauthenticated caller can make the LRS read. 2 MiB holds a form-encoded
    /// statement of the largest size; a client with a bigger request sends an Authorization header.
    /// </summary>
    [Range(1024, 32 * 1024 * 1024)]
    public int MaxCredentialFormBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>GET statements page size when the client gives no limit (or 0).</summary>
    [Range(1, 10_000)]
    public int DefaultQueryLimit { get; set; } = 100;

    [Range(1, 10_000)]
    public int MaxQueryLimit { get; set; } = 1_000;

    /// <summary>The homePage of the account the LRS writes as <c>authority</c> for each credential.</summary>
    [Required, Url]
    public string AuthorityHomePage { get; set; } = "https://lrs.seventaps.local";

    /// <summary>Origins browser clients may call from; "*" allows any (credentials travel in the Authorization header, not cookies).</summary>
    public string[] CorsOrigins { get; set; } = ["*"];

    /// <summary>Writes coalesced into one transaction at most. Bigger batches trade latency for throughput.</summary>
    [Range(1, 20_000)]
    public int WriterBatchSize { get; set; } = 2_000;

    /// <summary>Writer loops working concurrently: one prepares the next batch while another commits.</summary>
    [Range(1, 16)]
    public int WriterConcurrency { get; set; } = 2;

    /// <summary>A development credential created at start-up (AppHost passes SEVENTAPS_XAPI_KEY / SEVENTAPS_XAPI_SECRET).</summary>
    public BootstrapCredentialOptions? BootstrapCredential { get; set; }
}

public sealed class BootstrapCredentialOptions
{
    public string? Key { get; set; }

    public string? Secret { get; set; }

    public string Name { get; set; } = "bootstrap";

    public string[] Scopes { get; set; } = [XapiScopes.All];
}
