namespace Dashboard.Web.Identity;

/// <summary>
/// Single sign-on through an OpenID Connect provider, section <c>Authentication:Oidc</c>; off unless
/// <see cref="Authority"/> and <see cref="ClientId"/> are set. People signing in this way for the first time get
/// the role <see cref="Roles.Viewer"/>; an administrator can give them another.
/// </summary>
public sealed class OidcOptions
{
    public const string SectionName = "Authentication:Oidc";
    public const string Scheme = "oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in button says: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    public bool Enabled => !string.IsNullOrEmpty(Authority) && !string.IsNullOrEmpty(ClientId);
}
