using Agent.Api.Guard;
using Npgsql;
using SevenTaps.Analysis;
using StackExchange.Redis;

namespace Agent.Api.Engine;

/// <summary>
/// The course catalogue every question is parsed against, read through the guard once per version of the data
/// instead of once per question. The version is the normalizer's data version in Redis
/// (<see cref="AnalyticsCache.DataVersionKey"/>: bumped after every committed batch, CSV import, re-normalization and
/// catalogue load through the API or a replica's watch) together with the stored lesson catalogue's load time (a
/// replica that loads its catalogue file at start relabels lessons with no batch to bump the version). Both are read
/// for every question (a Redis GET and a primary-key read, well under a millisecond each) and read before the
/// catalogue, so a change committed while it is read moves the version on and the next question reads it again.
/// While either cannot be read, every question reads the catalogue afresh, as before there was a cache.
/// </summary>
public sealed class CourseCatalogCache(SqlGuard guard, IConnectionMultiplexer redis, NpgsqlDataSource owner, ILogger<CourseCatalogCache> logger)
{
    private const string CatalogueLoadedSql =
        $"SELECT {AnalysisSchema.LessonCatalogue.LoadedAt} FROM {AnalysisSchema.LessonCatalogue.Table} WHERE {AnalysisSchema.LessonCatalogue.Id} = 1";

    private sealed record Entry(string Version, CourseCatalog Catalog);

    private Entry? _entry;

    public async Task<CourseCatalog> GetAsync(CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken);
        if (version is not null && Volatile.Read(ref _entry) is { } entry && entry.Version == version)
        {
            return entry.Catalog;
        }
        var catalog = await CourseCatalog.LoadAsync(guard, cancellationToken);
        if (version is not null)
        {
            Volatile.Write(ref _entry, new Entry(version, catalog));
        }
        return catalog;
    }

    /// <summary>The data version and the catalogue's load time as one key, or null when either cannot be read.</summary>
    private async Task<string?> VersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var data = redis.GetDatabase().StringGetAsync(AnalyticsCache.DataVersionKey);
            await using var command = owner.CreateCommand(CatalogueLoadedSql);
            var loaded = await command.ExecuteScalarAsync(cancellationToken);
            var version = await data;
            return $"{(version.IsNull ? "0" : version.ToString())}/{(loaded is DateTime at ? at.Ticks : 0)}";
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or NpgsqlException)
        {
            logger.LogWarning("The data version cannot be read ({Reason}); the course catalogue is read for every question meanwhile", exception.Message);
            return null;
        }
    }
}
