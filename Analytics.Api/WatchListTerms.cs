namespace Analytics.Api;

/// <summary>The concerning-words watch list: its default terms, whole-word patterns and what a configured term must be (<see cref="SevenTaps.Text.WatchList"/>).</summary>
public static class WatchListTerms
{
    public const int MaxTerms = SevenTaps.Text.WatchList.MaxTerms;
    public const int MaxTermLength = SevenTaps.Text.WatchList.MaxTermLength;

    /// <summary>The default terms, shared with Seven (<see cref="SevenTaps.Text.WatchList.Default"/>).</summary>
    public static IReadOnlyList<string> Default => SevenTaps.Text.WatchList.Default;

    /// <summary>The term as a whole-word PostgreSQL pattern (<see cref="SevenTaps.Text.WatchList.Pattern"/>).</summary>
    public static string Pattern(string term) => SevenTaps.Text.WatchList.Pattern(term);

    /// <summary>Why a term cannot be on the list, or null when it can (<see cref="SevenTaps.Text.WatchList.Problem"/>).</summary>
    public static string? Problem(string? term) => SevenTaps.Text.WatchList.Problem(term);
}
