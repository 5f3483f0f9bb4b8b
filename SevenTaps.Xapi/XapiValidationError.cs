namespace SevenTaps.Xapi;

/// <summary>
/// One violation of an xAPI "MUST" rule found in a Statement.
/// </summary>
/// <param name="Path">
/// Where the problem is, written the way the Statement is navigated: property names joined by dots,
/// array positions in brackets and map keys (language tags, extension IRIs) in quoted brackets, e.g.
/// <c>actor.mbox</c>, <c>object.definition.choices[2].id</c>, <c>verb.display["en US"]</c>.
/// An empty string means the Statement as a whole (e.g. it is not a JSON object).
/// </param>
/// <param name="Message">Human readable explanation, suitable for a 400 Bad Request body.</param>
public sealed record XapiValidationError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
