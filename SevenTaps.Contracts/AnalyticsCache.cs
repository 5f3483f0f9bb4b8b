namespace SevenTaps.Contracts;

/// <summary>
/// Redis keys shared by the normalizer (which changes the analysis tables) and analytics (which caches answers
/// computed from them). The data version is part of every cached answer's key, so bumping it invalidates them all.
/// </summary>
public static class AnalyticsCache
{
    /// <summary>A counter the normalizer increments after each committed batch.</summary>
    public const string DataVersionKey = "seventaps:analysis:version";

    /// <summary>Pub/sub channel on which the normalizer announces each new <see cref="DataVersionKey"/> value (the message).</summary>
    public const string DataVersionChannel = "seventaps:analysis:version:changed";

    /// <summary>Prefix of analytics' cached answers: <c>{prefix}{version}:{endpoint}?{canonical query}</c> (hashed).</summary>
    public const string AnswerKeyPrefix = "seventaps:analytics:answer:";

    /// <summary>
    /// Request header naming the data version a caller has already seen (the dashboard, told of new data by the
    /// counter): analytics then answers from at least that version instead of its reading of up to a second ago.
    /// </summary>
    public const string DataVersionHeader = "X-SevenTaps-Data-Version";
}
