using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Tests;

/// <summary>Certificates written to files as an operator (or certbot) would leave them.</summary>
public static class TestCertificates
{
    public static X509Certificate2 Create(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
    }

    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        // Written beside and moved into place, as renewals do, so the watcher never sees half a file.
        File.WriteAllText(certificatePath + ".new", certificate.ExportCertificatePem());
        File.WriteAllText(keyPath + ".new", certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.Move(keyPath + ".new", keyPath, overwrite: true);
        File.Move(certificatePath + ".new", certificatePath, overwrite: true);
    }

    /// <summary>The certificate a TLS handshake with <paramref name="endpoint"/> presents, and the protocol agreed.</summary>
    public static async Task<(X509Certificate2 Certificate, System.Security.Authentication.SslProtocols Protocol)> HandshakeAsync(
        Uri endpoint, System.Security.Authentication.SslProtocols protocols = System.Security.Authentication.SslProtocols.None)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
        });
        return (X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData()), tls.SslProtocol);
    }
}
