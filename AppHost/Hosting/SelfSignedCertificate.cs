using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// The gateway's certificate when HTTPS is on and the operator gave none: self-signed, for development and for
/// trying SevenTaps on a private network (clients must be told to trust it, by its fingerprint). Kept in the data
/// directory and reused until it nears expiry, so the fingerprint stays the same across restarts.
/// </summary>
internal sealed record SelfSignedCertificate(string CertificatePath, string KeyPath, string Fingerprint)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static SelfSignedCertificate ReadOrCreate(string dataDirectory)
    {
        var directory = Path.Combine(dataDirectory, "certificates");
        Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, "gateway.crt");
        var keyPath = Path.Combine(directory, "gateway.key");
        if (TryRead(certificatePath, keyPath) is { } existing)
        {
            return existing;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SevenTaps gateway (self-signed)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.Add(Lifetime));

        // The key is readable by its owner only from the first byte; the gateway's OS user becomes that owner.
        File.Delete(keyPath);
        using (var stream = new FileStream(keyPath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        if (Unix.IsRoot)
        {
            Unix.RunAsync("chown", [$"{ServiceBuilderExtensions.OsUser}:", keyPath], CancellationToken.None).GetAwaiter().GetResult();
        }
        return new(certificatePath, keyPath, FingerprintOf(certificate));
    }

    private static string FingerprintOf(X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    private static SelfSignedCertificate? TryRead(string certificatePath, string keyPath)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return null;
        }
        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            return certificate.NotAfter.ToUniversalTime() - DateTime.UtcNow < RenewBefore ? null : new(certificatePath, keyPath, FingerprintOf(certificate));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
