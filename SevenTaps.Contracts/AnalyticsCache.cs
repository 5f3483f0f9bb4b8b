namespace SevenTaps.Contracts;

/// <summary>
/// Redis keys shared by the normalizer (which changes the analysis tables) and analytics (which caches answers
/// computed from them). The data version is part of every cached answer's key, so bumping it invalidates them all.
/// </summary>
public static class AnalyticsCache
{
    /// <summary>A counter the normalizer increments after each committed batch.</summary>
    public const string DataVersionKey = "seventaps:analysis:version";

    /// <summary>Prefix of analytics' cached answers: <c>{prefix}{version}:{endpoint}?{canonical query}</c> (hashed).</summary>
    public const string AnswerKeyPrefix = "seventaps:analytics:answer:";
}
