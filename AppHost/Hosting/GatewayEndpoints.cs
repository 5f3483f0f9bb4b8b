namespace SevenTaps.AppHost.Hosting;

/// <summary>The gateway's public face: where it listens, HTTPS, and which proxies in front of it are believed.</summary>
internal static class GatewayEndpoints
{
    public const string HttpsEndpointName = "https";

    public static IResourceBuilder<ServiceResource> WithPublicEndpoints(
        this IResourceBuilder<ServiceResource> gateway, AppHostOptions options, IConfiguration configuration)
    {
        var host = options.Listen ?? (options.Port == 0 ? "127.0.0.1" : "localhost");
        var https = options.HttpsPort is { } port ? Certificate(options, configuration) : null;
        if (https is not null)
        {
            var httpsPort = options.HttpsPort == 0 ? null : options.HttpsPort;
            gateway.WithHttpsEndpoint(port: httpsPort, targetPort: httpsPort, name: HttpsEndpointName, isProxied: false);
            gateway.WithAnnotation(https);
        }

        return gateway.WithEnvironment(context =>
        {
            var httpPort = gateway.Resource.HttpEndpoint.Property(EndpointProperty.TargetPort);
            context.EnvironmentVariables["ASPNETCORE_URLS"] = https is null
                ? ReferenceExpression.Create($"http://{Bracketed(host)}:{httpPort}")
                : ReferenceExpression.Create($"http://{Bracketed(host)}:{httpPort};https://{Bracketed(host)}:{gateway.Resource.GetEndpoint(HttpsEndpointName).Property(EndpointProperty.TargetPort)}");
            if (https is not null)
            {
                context.EnvironmentVariables["Gateway__Https__CertificatePath"] = https.CertificatePath;
                context.EnvironmentVariables["Gateway__Https__KeyPath"] = https.KeyPath ?? "";
                if (https.Password is { Length: > 0 } password)
                {
                    context.EnvironmentVariables["Gateway__Https__Password"] = password;
                }
            }
            if (!string.IsNullOrWhiteSpace(options.TrustedProxies))
            {
                context.EnvironmentVariables["Gateway__TrustedProxies"] = options.TrustedProxies;
            }
        });
    }

    private static string Bracketed(string host) => host.Contains(':') ? $"[{host}]" : host;

    private static GatewayCertificateAnnotation Certificate(AppHostOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(options.HttpsCertificate))
        {
            var selfSigned = SelfSignedCertificate.ReadOrCreate(options.FullDataDirectory);
            return new(selfSigned.CertificatePath, selfSigned.KeyPath, Password: null, selfSigned.Fingerprint);
        }
        var certificate = Path.GetFullPath(options.HttpsCertificate);
        var key = string.IsNullOrWhiteSpace(options.HttpsKey) ? null : Path.GetFullPath(options.HttpsKey);
        foreach (var path in new[] { certificate, key }.OfType<string>().Where(path => !File.Exists(path)))
        {
            throw new InvalidOperationException($"The HTTPS certificate file {path} does not exist.");
        }
        return new(certificate, key, configuration["SEVENTAPS_HTTPS_PASSWORD"], SelfSignedFingerprint: null);
    }
}

/// <summary>The certificate files the gateway serves, and the fingerprint to print when AppHost made it.</summary>
internal sealed record GatewayCertificateAnnotation(string CertificatePath, string? KeyPath, string? Password, string? SelfSignedFingerprint) : IResourceAnnotation;
