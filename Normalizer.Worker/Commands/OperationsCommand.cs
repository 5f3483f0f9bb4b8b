using System.Globalization;
using Normalizer.Worker.Catalogue;
using Normalizer.Worker.Imports;
using SevenTaps.Analysis;
using Normalizer.Worker.Streaming;
using SevenTaps.Audit;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Commands;

/// <summary>
/// The operations API as commands, against <c>ConnectionStrings__seventaps</c> (and <c>ConnectionStrings__redis</c>
/// for dead letters): <c>import-csv FILE --import-date YYYY-MM-DD</c>, <c>dead-letters list</c>,
/// <c>dead-letters replay ENTRY_ID|--all</c>, <c>catalogue load FILE</c>. Imports, replays and catalogue loads leave audit records
/// naming the operating-system account that ran the command.
/// </summary>
public static class OperationsCommand
{
    private const string Usage = """
        usage: import-csv FILE --import-date YYYY-MM-DD
               dead-letters list | dead-letters replay ENTRY_ID | dead-letters replay --all
               catalogue load FILE
        """;

    public static bool Handles(string[] args) => args is ["import-csv" or "dead-letters" or "catalogue", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        using var host = CommandLineHost.Create<AnalysisContext>(ResourceNames.Database, AnalysisContextOptions.Configure, services =>
        {
            services.AddOptions<NormalizerOptions>().BindConfiguration(NormalizerOptions.SectionName).ValidateDataAnnotations();
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<CurrentLessonCatalogue>();
            services.AddSingleton<CatalogueStore>();
            services.AddSingleton<CsvImporter>();
            services.AddSingleton<DeadLetterQueue>();
            services.AddAuditWriter();
            services.AddCommandRedis();
        });
        if (host is null)
        {
            return 2;
        }
        var services = host.Services;
        var actor = AuditActor.Command();
        try
        {
            switch (args)
            {
                case ["import-csv", var file, "--import-date", var date]
                    when DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var importDate):
                    // Lessons are placed with the stored catalogue, as the workers do.
                    await services.GetRequiredService<CatalogueStore>().RefreshAsync(CancellationToken.None);
                    var result = await services.GetRequiredService<CsvImporter>().ImportAsync(
                        await File.ReadAllTextAsync(file), importDate, Path.GetFileName(file), actor, CancellationToken.None);
                    Console.WriteLine($"{result.Rows} rows: {result.Learners} learners, {result.Lessons} lessons, {result.Questions} questions; " +
                                      $"{result.ResponsesAdded} responses and {result.ActivitiesAdded} activities added.");
                    await CommandRedis.NotifyAnalyticsAsync(services);
                    return 0;
                case ["dead-letters", "list"]:
                    var queue = services.GetRequiredService<DeadLetterQueue>();
                    for (string? after = null; ;)
                    {
                        var page = await queue.ListAsync(after, DeadLetterQueue.MaxPageSize);
                        foreach (var letter in page.Items)
                        {
                            Console.WriteLine($"{letter.EntryId}\t{letter.StatementId}\t{letter.DeadLetteredAt:u}\t{letter.Deliveries}\t{letter.Reason}");
                        }
                        if ((after = page.Next) is null)
                        {
                            return 0;
                        }
                    }
                case ["dead-letters", "replay", "--all"]:
                    Console.WriteLine($"Replayed {await services.GetRequiredService<DeadLetterQueue>().ReplayAllAsync(actor, CancellationToken.None)} dead letters.");
                    return 0;
                case ["dead-letters", "replay", var entryId] when DeadLetterQueue.IsEntryId(entryId):
                    var replayed = await services.GetRequiredService<DeadLetterQueue>().ReplayAsync(entryId, actor, CancellationToken.None);
                    Console.WriteLine(replayed is null ? $"{entryId} is not on the dead-letter stream." : $"Replayed {entryId} as {replayed}.");
                    return replayed is null ? 1 : 0;
                case ["catalogue", "load", var file]:
                    var load = await services.GetRequiredService<CatalogueStore>().LoadAsync(
                        await File.ReadAllTextAsync(file), Path.GetFileName(file), actor, CancellationToken.None);
                    Console.WriteLine($"{load.Lessons} lessons ({(load.Changed ? "new catalogue" : "unchanged")}); {load.Relabelled} existing lessons relabelled.");
                    await CommandRedis.NotifyAnalyticsAsync(services);
                    return 0;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (Exception exception) when (exception is ExportFormatException or CatalogueException or IOException)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }
    }
}
