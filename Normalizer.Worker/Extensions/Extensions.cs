using Microsoft.Extensions.Options;
using Normalizer.Worker.Infrastructure;
using Normalizer.Worker.Normalization;
using Normalizer.Worker.Processing;
using Normalizer.Worker.Streaming;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddNpgsqlDbContext<NormalizerContext>(NormalizerContextOptions.Configure);
        // Registered before the consumer, so the tables exist before the first batch is written.
        builder.AddMigration<NormalizerContext>();
        builder.AddRedisClient(ResourceNames.Redis);

        builder.Services.AddOptions<NormalizerOptions>()
            .BindConfiguration(NormalizerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => LoadCatalogue(services.GetRequiredService<IOptions<NormalizerOptions>>().Value));
        builder.Services.AddSingleton<StatementBatchProcessor>();
        builder.Services.AddSingleton<DeadLetters>();
        builder.Services.AddSingleton<AnalysisDataVersion>();
        builder.Services.AddSingleton<ConsumerState>();
        builder.Services.AddSingleton<StreamSignal>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StreamSignal>());
        builder.Services.AddHostedService<StatementConsumer>();
        builder.Services.AddHostedService<StreamHousekeeping>();
        builder.Services.AddHealthChecks().AddCheck<ConsumerHealthCheck>("statement-consumer");
    }

    /// <summary>Read once at start-up; re-labelling lessons when the catalogue changes at run time comes later.</summary>
    internal static LessonCatalogue LoadCatalogue(NormalizerOptions options) =>
        options.LessonCatalogueFile is { Length: > 0 } path ? LessonCatalogue.Parse(File.ReadAllText(path)) : LessonCatalogue.Empty;
}
