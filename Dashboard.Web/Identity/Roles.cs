namespace Dashboard.Web.Identity;

/// <summary>What a signed-in person may do. Every page needs one of these roles; admin pages need <see cref="Admin"/>.</summary>
public static class Roles
{
    /// <summary>Everything, including users, API keys and xAPI credentials.</summary>
    public const string Admin = "admin";

    /// <summary>The dashboards, and (later) the SQL workbench and Seven.</summary>
    public const string Analyst = "analyst";

    /// <summary>The dashboards only.</summary>
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Analyst, Viewer];

    /// <summary>The authorization policy of every page: signed in with any role.</summary>
    public const string AnyRolePolicy = "any-role";
}
