using System.Security.Cryptography.X509Certificates;

namespace Gateway.Tests;

/// <summary>The other shapes a certificate comes in: a PKCS#12 file with a password, a PEM file holding its key.</summary>
public sealed class CertificateFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("seventaps-gateway-pfx-").FullName;

    [Fact]
    public async Task A_password_protected_PFX_is_served()
    {
        var certificate = TestCertificates.Create("pfx.seventaps.test");
        var path = Path.Combine(_directory, "gateway.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, "s3cret-pfx"));
        using var gateway = new GatewayServer(new Dictionary<string, string?>
        {
            ["Gateway:Https:CertificatePath"] = path,
            ["Gateway:Https:Password"] = "s3cret-pfx",
        }, https: true);

        Assert.Equal(certificate.Thumbprint, (await TestCertificates.HandshakeAsync(gateway.Https)).Certificate.Thumbprint);
    }

    [Fact]
    public async Task A_PEM_file_holding_certificate_and_key_is_served()
    {
        var certificate = TestCertificates.Create("combined.seventaps.test");
        var path = Path.Combine(_directory, "combined.pem");
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        using var gateway = new GatewayServer(new Dictionary<string, string?> { ["Gateway:Https:CertificatePath"] = path }, https: true);

        Assert.Equal(certificate.Thumbprint, (await TestCertificates.HandshakeAsync(gateway.Https)).Certificate.Thumbprint);
    }

    [Fact]
    public void A_missing_certificate_file_stops_the_gateway_at_start()
    {
        using var gateway = new GatewayServer(new Dictionary<string, string?> { ["Gateway:Https:CertificatePath"] = Path.Combine(_directory, "absent.pem") }, https: true);

        var failure = Assert.ThrowsAny<Exception>(() => gateway.Https);
        Assert.Contains("absent.pem", failure.ToString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
