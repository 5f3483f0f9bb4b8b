namespace SevenTaps.Xapi;

/// <summary>Builds the error paths described on <see cref="XapiValidationError.Path"/>.</summary>
internal static class XapiPath
{
    public static string Property(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    // Map keys can contain dots (extension IRIs) or spaces, so they are quoted rather than dotted.
    public static string Key(string parent, string key) => $"{parent}[\"{key}\"]";
}
