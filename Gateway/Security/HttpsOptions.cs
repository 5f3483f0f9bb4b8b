using System.ComponentModel.DataAnnotations;

namespace Gateway.Security;

/// <summary>
/// The certificate the gateway serves HTTPS with (section <c>Gateway:Https</c>). HTTPS is on when a certificate is
/// given and ASPNETCORE_URLS holds an https:// address.
/// </summary>
public sealed class HttpsOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Https";

    /// <summary>A PEM certificate (with its chain, e.g. certbot's fullchain.pem), or a PKCS#12 file (.pfx, .p12).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>; empty when the key is in the same file or a PFX.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PKCS#12 file.</summary>
    public string? Password { get; set; }

    /// <summary>The HTTPS port clients reach, used in redirects (behind port forwarding it differs from the one bound).</summary>
    [Range(1, 65535)]
    public int? PublicPort { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && !File.Exists(CertificatePath))
        {
            yield return new($"The HTTPS certificate {CertificatePath} does not exist or cannot be read.", [nameof(CertificatePath)]);
        }
        if (!string.IsNullOrWhiteSpace(KeyPath) && !File.Exists(KeyPath))
        {
            yield return new($"The HTTPS key {KeyPath} does not exist or cannot be read.", [nameof(KeyPath)]);
        }
    }
}
