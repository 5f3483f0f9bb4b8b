using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Analytics.Api.Caching;

/// <summary>
/// Answers of heavy endpoints cached in Redis under endpoint + canonical query + <see cref="AnalysisDataVersion"/>:
/// new data changes the version and with it every key, so an answer is never older than the version's refresh
/// interval; entries also expire after <see cref="AnalyticsOptions.AnswerCacheSeconds"/> (answers without <c>to</c>
/// count back from now). Redis being down only means answers are computed every time. A request naming the version
/// its caller has seen (<see cref="AnalyticsCache.DataVersionHeader"/>) is answered from at least that version.
/// </summary>
public sealed class AnswerCache(
    IConnectionMultiplexer redis, AnalysisDataVersion dataVersion, IHttpContextAccessor http, IOptions<AnalyticsOptions> options, ILogger<AnswerCache> logger)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    // Part of every key: a new build may shape answers differently, and must not read its predecessor's.
    private static readonly string Build = typeof(AnswerCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public async Task<T> GetOrComputeAsync<T>(string endpoint, IQueryCollection query, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        var lifetime = TimeSpan.FromSeconds(options.Value.AnswerCacheSeconds);
        if (lifetime <= TimeSpan.Zero || await dataVersion.CurrentAsync(SeenVersion()) is not { } version)
        {
            return await compute(cancellationToken);
        }

        var key = Key(version, endpoint, query);
        var database = redis.GetDatabase();
        try
        {
            var cached = await database.StringGetAsync(key);
            if (!cached.IsNull)
            {
                return JsonSerializer.Deserialize<T>((byte[])cached!, Json)!;
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or JsonException)
        {
            logger.LogWarning("Reading a cached answer failed ({Reason}); computing it", exception.Message);
        }

        var answer = await compute(cancellationToken);
        try
        {
            // Not awaited by the caller's response: the answer is ready, storing it is Redis' business.
            await database.StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(answer, Json), lifetime, flags: CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Caching an answer failed ({Reason})", exception.Message);
        }
        return answer;
    }

    private long? SeenVersion() =>
        long.TryParse(http.HttpContext?.Request.Headers[AnalyticsCache.DataVersionHeader], out var seen) ? seen : null;

    /// <summary>
    /// Query parameters sorted by (case-insensitive) name, <c>format</c> left out because JSON and CSV share the
    /// answer; hashed with the build's identity, since a lesson or question id may be long.
    /// </summary>
    internal static string Key(long version, string endpoint, IQueryCollection query)
    {
        var canonical = string.Join('&', query
            .Where(parameter => !parameter.Key.Equals("format", StringComparison.OrdinalIgnoreCase))
            .Select(parameter => (Name: parameter.Key.ToLowerInvariant(), Value: parameter.Value.ToString()))
            .OrderBy(parameter => parameter.Name, StringComparer.Ordinal)
            .Select(parameter => $"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(parameter.Value)}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Build}/{endpoint}?{canonical}")));
        return $"{AnalyticsCache.AnswerKeyPrefix}{version}:{hash}";
    }
}
