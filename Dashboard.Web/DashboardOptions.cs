using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web;

/// <summary>Settings of the web UI, section <c>Dashboard</c> (AppHost passes them).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// The dashboard's own API key (every scope), with which it calls the other services on behalf of signed-in
    /// users. Stored in the key table at start-up; AppHost generates it once per data directory.
    /// </summary>
    [Required, MinLength(16)]
    public string ApiKey { get; set; } = "";

    /// <summary>The first administrator, created at start-up when no user has this e-mail address (AppHost passes SEVENTAPS_ADMIN_EMAIL).</summary>
    [EmailAddress]
    public string? AdminEmail { get; set; }

    /// <summary>Their password (SEVENTAPS_ADMIN_PASSWORD): used only to create the account, never to reset it.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>The public address of the LRS that the xAPI credentials page tells 7taps to use; default: this site's own <c>/xapi/statements</c>.</summary>
    public Uri? PublicXapiEndpoint { get; set; }

    /// <summary>The Aspire dashboard AppHost runs (its traces page): the operations page links statements' traces there only when this is known.</summary>
    public Uri? AspireDashboardUrl { get; set; }
}
