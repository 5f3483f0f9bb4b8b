using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting.Testing;
using SevenTaps.Contracts;

namespace AppHost.Tests;

/// <summary>
/// <c>--https-port</c> without a certificate: AppHost makes a self-signed one in the data directory and the gateway
/// serves the xAPI endpoint over TLS with it, redirecting plain HTTP.
/// </summary>
public sealed class HttpsTests : IAsyncLifetime
{
    private const string Key = "https-key-0001";
    private const string Secret = "https-secret-0001";

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = TestApplication.Create(_dataDirectory, "--https-port", "0", $"--SEVENTAPS_XAPI_KEY={Key}", $"--SEVENTAPS_XAPI_SECRET={Secret}");
        await _system.StartAsync();
    }

    [Fact]
    public async Task The_gateway_serves_xAPI_over_TLS_with_the_self_signed_certificate_in_the_data_directory()
    {
        var file = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "certificates", "gateway.crt")));
        var https = _system.App.GetEndpoint(ResourceNames.Gateway, "https");
        X509Certificate2? served = null;
        using var client = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                served = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
                return served?.Thumbprint == file.Thumbprint;
            },
        }) { BaseAddress = https };
        var id = Guid.NewGuid();

        using var put = XapiRequest(HttpMethod.Put, $"/xapi/statements?statementId={id}");
        put.Content = new StringContent($$$"""{"id":"{{{id}}}","actor":{"mbox":"mailto:tls@example.com"},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://courses.example.com/tls"}}""",
            System.Text.Encoding.UTF8, "application/json");
        using var stored = await client.SendAsync(put);

        Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        Assert.Equal(file.GetCertHash(HashAlgorithmName.SHA256), served!.GetCertHash(HashAlgorithmName.SHA256));
        Assert.Contains(served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames(), name => name == "localhost");
    }

    [Fact]
    public async Task Plain_HTTP_is_sent_to_the_HTTPS_endpoint()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _system.GetEndpoint(ResourceNames.Gateway) };

        using var response = await client.SendAsync(XapiRequest(HttpMethod.Get, "/xapi/about"));

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(_system.App.GetEndpoint(ResourceNames.Gateway, "https").Port, response.Headers.Location!.Port);
        Assert.Equal("https", response.Headers.Location.Scheme);
    }

    private static HttpRequestMessage XapiRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Key}:{Secret}")));
        request.Headers.Add("X-Experience-API-Version", "1.0.3");
        return request;
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
