using System.ComponentModel.DataAnnotations;

namespace SevenTaps.ApiKeys;

/// <summary>Settings of API key authentication, section <c>ApiKeys</c> (the same in every service).</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>A development key with every scope, stored at start-up (AppHost passes SEVENTAPS_API_KEY).</summary>
    [MinLength(16)]
    public string? BootstrapKey { get; set; }
}
