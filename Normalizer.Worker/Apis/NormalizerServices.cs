using Microsoft.Extensions.Options;
using Normalizer.Worker.Catalogue;
using Normalizer.Worker.Imports;
using Normalizer.Worker.Renormalization;
using Normalizer.Worker.Streaming;

namespace Normalizer.Worker.Apis;

/// <summary>What the operations endpoints need, bound with [AsParameters].</summary>
internal sealed record NormalizerServices(
    CsvImporter Importer, DeadLetterQueue DeadLetters, CatalogueStore Catalogue, AnalysisDataVersionBump DataVersion,
    StreamStatusReader StreamStatus, StatementTraces Statements, RenormalizationRuns Renormalizations, IOptions<NormalizerOptions> Options);
