using Ingest.Api.Statements;
using Microsoft.Extensions.Options;

namespace Ingest.Api.Apis;

/// <summary>What the statements endpoints need, bound with [AsParameters].</summary>
public sealed record XapiServices(
    StatementPreparer Preparer,
    StatementWriter Writer,
    StatementQueries Queries,
    ConsistencyWatermark Watermark,
    ActivityDefinitions Definitions,
    IOptions<XapiOptions> Options);
