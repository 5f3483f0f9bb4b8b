namespace Ingest.Api.Security;

/// <summary>The xAPI authorization scopes this LRS understands (xAPI Communication, "OAuth Authorization Scope").</summary>
public static class XapiScopes
{
    public const string StatementsWrite = "statements/write";
    public const string StatementsRead = "statements/read";
    public const string StatementsReadMine = "statements/read/mine";
    public const string AllRead = "all/read";
    public const string All = "all";
    public const string State = "state";
    public const string Profile = "profile";
    public const string Define = "define";

    public const string ClaimType = "scope";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        StatementsWrite, StatementsRead, StatementsReadMine, AllRead, All, State, Profile, Define,
    };

    public static readonly string[] Write = [StatementsWrite, All];

    public static readonly string[] Read = [StatementsRead, StatementsReadMine, AllRead, All];

    public static readonly string[] StateRead = [State, AllRead, All];

    public static readonly string[] StateWrite = [State, All];

    /// <summary>The Activity Profile and Agent Profile resources.</summary>
    public static readonly string[] ProfileRead = [Profile, AllRead, All];

    public static readonly string[] ProfileWrite = [Profile, All];

    /// <summary>Scopes whose statements (re)define Activities: the Activities Resource's canonical definitions come from them.</summary>
    public static readonly string[] Defining = [Define, All];

    /// <summary>Scopes that may read every statement, not only the credential's own.</summary>
    public static readonly string[] ReadAll = [StatementsRead, AllRead, All];
}
