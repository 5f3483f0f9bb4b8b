using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Tests;

/// <summary>HTTPS from certificate files an operator gives: TLS versions, renewal without restart, redirect, HSTS.</summary>
public sealed class HttpsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("seventaps-gateway-tls-").FullName;
    private readonly X509Certificate2 _first = TestCertificates.Create("first.seventaps.test");
    private readonly GatewayServer _gateway;

    public HttpsTests()
    {
        TestCertificates.WritePem(_first, CertificatePath, KeyPath);
        _gateway = new GatewayServer(new Dictionary<string, string?>
        {
            ["Gateway:Https:CertificatePath"] = CertificatePath,
            ["Gateway:Https:KeyPath"] = KeyPath,
        }, https: true);
    }

    private string CertificatePath => Path.Combine(_directory, "fullchain.pem");

    private string KeyPath => Path.Combine(_directory, "privkey.pem");

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Serves_the_given_certificate_over_TLS_1_2_and_1_3(SslProtocols protocol)
    {
        var (certificate, agreed) = await TestCertificates.HandshakeAsync(_gateway.Https, protocol);

        Assert.Equal(_first.Thumbprint, certificate.Thumbprint);
        Assert.Equal(protocol, agreed);
    }

    [Fact]
    public async Task A_renewed_certificate_is_served_without_a_restart()
    {
        var renewed = TestCertificates.Create("renewed.seventaps.test");
        Assert.Equal(_first.Thumbprint, (await TestCertificates.HandshakeAsync(_gateway.Https)).Certificate.Thumbprint);

        TestCertificates.WritePem(renewed, CertificatePath, KeyPath);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string served;
        do
        {
            await Task.Delay(200);
            served = (await TestCertificates.HandshakeAsync(_gateway.Https)).Certificate.Thumbprint;
        }
        while (served != renewed.Thumbprint && DateTime.UtcNow < deadline);
        Assert.Equal(renewed.Thumbprint, served);
    }

    [Fact]
    public async Task A_renewal_caught_half_written_keeps_the_previous_certificate()
    {
        Assert.Equal(_first.Thumbprint, (await TestCertificates.HandshakeAsync(_gateway.Https)).Certificate.Thumbprint);

        await File.WriteAllTextAsync(CertificatePath, "-----BEGIN CERTIFICATE-----\nnot a certificate");
        await Task.Delay(1500);

        Assert.Equal(_first.Thumbprint, (await TestCertificates.HandshakeAsync(_gateway.Https)).Certificate.Thumbprint);
    }

    [Fact]
    public async Task Plain_HTTP_is_redirected_permanently_keeping_the_method()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _gateway.Http };

        using var response = await client.PostAsync("/xapi/statements?x=1", new StringContent("[]"));

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"https://{_gateway.Https.Authority}/xapi/statements?x=1", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Health_probes_still_answer_over_plain_HTTP()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _gateway.Http };

        using var response = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HTTPS_answers_carry_HSTS()
    {
        using var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _first.Thumbprint })
        {
            BaseAddress = _gateway.Https,
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/alive");
        // Browsers ignore HSTS from localhost, and so does ASP.NET Core; a public host name gets it.
        request.Headers.Host = "lrs.seventaps.test";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    public void Dispose()
    {
        _gateway.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
