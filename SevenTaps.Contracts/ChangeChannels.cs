namespace SevenTaps.Contracts;

/// <summary>
/// PostgreSQL NOTIFY channels that triggers (or the one code path writing a table) publish on and services LISTEN to,
/// so every process agrees on the names.
/// The payload is the changed row's id, or <c>*</c> when the whole table changed (TRUNCATE).
/// </summary>
public static class ChangeChannels
{
    /// <summary>A row of <c>xapi.credentials</c> was updated (revoked, new secret or scopes) or deleted.</summary>
    public const string Credentials = "seventaps_credentials";

    /// <summary>A row of <c>analytics.api_keys</c> was updated (revoked, scopes) or deleted.</summary>
    public const string ApiKeys = "seventaps_api_keys";

    /// <summary>A lesson catalogue was stored in <c>analysis.lesson_catalogue</c> (the payload is empty).</summary>
    public const string LessonCatalogue = "seventaps_lesson_catalogue";

    /// <summary>The payload that means "every row".</summary>
    public const string Everything = "*";
}
