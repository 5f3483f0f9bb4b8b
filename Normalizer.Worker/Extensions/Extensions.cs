using Normalizer.Worker.Backfill;
using Normalizer.Worker.Catalogue;
using Normalizer.Worker.Imports;
using SevenTaps.Analysis;
using Normalizer.Worker.Processing;
using Normalizer.Worker.Reconciliation;
using Normalizer.Worker.Renormalization;
using Normalizer.Worker.Streaming;
using SevenTaps.ApiKeys;
using SevenTaps.Audit;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDataSource(ResourceNames.Database);
        builder.AddServiceDbContext<AnalysisContext>(AnalysisContextOptions.Configure);
        // Imports, replays and re-normalizations are audited.
        builder.AddAuditTrail();
        builder.AddServiceRedisClient(ResourceNames.Redis);

        builder.Services.AddOptions<NormalizerOptions>()
            .BindConfiguration(NormalizerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CurrentLessonCatalogue>();
        builder.Services.AddSingleton<CatalogueStore>();
        // Started before the consumer, so the first batch is labelled with the catalogue.
        builder.Services.AddSingleton<CatalogueSync>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CatalogueSync>());
        builder.Services.AddChangeSubscriber<CatalogueSync>();
        builder.Services.AddSingleton<AnalysisWriter>();
        builder.Services.AddSingleton<StatementBatchProcessor>();
        builder.Services.AddSingleton<DeadLetters>();
        builder.Services.AddSingleton<AnalysisDataVersionBump>();
        builder.Services.AddSingleton<ConsumerState>();
        builder.Services.AddSingleton<StreamSignal>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StreamSignal>());
        builder.Services.AddHostedService<StatementConsumer>();
        builder.Services.AddHostedService<StreamHousekeeping>();
        builder.Services.AddHealthChecks().AddCheck<ConsumerHealthCheck>("statement-consumer");

        // Normalizes stored statements whose stream entries Redis lost (see Reconciliation/).
        builder.Services.AddOptions<ReconcilerOptions>()
            .BindConfiguration(ReconcilerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ReconcilerMetrics>();
        builder.Services.AddSingleton<StreamBacklog>();
        builder.Services.AddSingleton<ReconciliationPass>();
        builder.Services.AddHostedService<StatementReconciler>();

        // Scores free-text answers stored before sentiment existed, then stops.
        builder.Services.AddOptions<SentimentBackfillOptions>()
            .BindConfiguration(SentimentBackfillOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SentimentBackfill>();
        builder.Services.AddHostedService<SentimentBackfillService>();

        // The operations API (scope admin); the key table belongs to analytics.
        builder.Services.AddSingleton<CsvImporter>();
        builder.Services.AddSingleton<DeadLetterQueue>();
        builder.Services.AddSingleton<StreamStatusReader>();
        builder.Services.AddSingleton<StatementTraces>();
        RenormalizationConnections.Register(builder.Services);
        builder.Services.AddSingleton<RenormalizationRuns>();
        builder.AddApiKeyAuthentication();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
