using Microsoft.Extensions.Options;
using Normalizer.Worker.Catalogue;
using Normalizer.Worker.Commands;
using SevenTaps.Analysis;
using Normalizer.Worker.Processing;
using SevenTaps.Audit;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Renormalization;

/// <summary>
/// <c>Normalizer.Worker renormalize</c>: rebuilds the analysis tables from the stored statements (see
/// <see cref="Renormalizer"/>) against the database named by <c>ConnectionStrings__seventaps</c>, with the lesson
/// catalogue stored in the database, the one the workers use. The workers keep running meanwhile.
/// </summary>
public static class RenormalizeCommand
{
    public const string Verb = "renormalize";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 1)
        {
            await Console.Error.WriteLineAsync("usage: renormalize");
            return 2;
        }
        using var host = CommandLineHost.Create<AnalysisContext>(ResourceNames.Database, AnalysisContextOptions.Configure, services =>
        {
            services.AddOptions<NormalizerOptions>().BindConfiguration(NormalizerOptions.SectionName).ValidateDataAnnotations();
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<CurrentLessonCatalogue>();
            services.AddSingleton<CatalogueStore>();
            services.AddSingleton<AnalysisWriter>();
            RenormalizationConnections.Register(services);
            services.AddAuditWriter();
            services.AddCommandRedis();
        });
        if (host is null)
        {
            return 2;
        }
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, eventArgs) =>
        {
            // Stop between batches: the live schema is untouched until the swap, which is one transaction.
            eventArgs.Cancel = true;
            cancellation.Cancel();
        };
        try
        {
            await host.Services.GetRequiredService<CatalogueStore>().RefreshAsync(cancellation.Token);
            var result = await host.Services.GetRequiredService<Renormalizer>()
                .RunAsync(Console.WriteLine, AuditActor.Command(), cancellation.Token);
            Console.WriteLine(
                $"Re-normalized {result.Statements:N0} statements in {result.Elapsed.TotalSeconds:N1} s " +
                $"({result.Statements / Math.Max(result.Elapsed.TotalSeconds, 0.001):N0}/s); {result.CaughtUpInSwap:N0} caught up in the swap, " +
                $"{result.CarriedRows:N0} rows carried over; workers paused {result.WritersPaused.TotalMilliseconds:N0} ms.");
            foreach (var statement in result.LeftOut)
            {
                Console.WriteLine($"left out (fails to normalize, as it does in the workers): {statement}");
            }
            await CommandRedis.NotifyAnalyticsAsync(host.Services);
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"renormalize: {exception.Message} The live tables are unchanged.");
            return 1;
        }
    }
}
