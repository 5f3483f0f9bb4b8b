using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

public static class HttpsExtensions
{
    /// <summary>
    /// HTTPS with a certificate from files, reloaded when they change; TLS 1.2 and 1.3 only; HSTS and a permanent
    /// redirect of plain HTTP. Health probes stay reachable over HTTP for the AppHost and load balancers.
    /// </summary>
    public static void AddGatewayHttps(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpsOptions>().BindConfiguration(HttpsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var https = builder.Configuration.GetSection(HttpsOptions.SectionName).Get<HttpsOptions>() ?? new HttpsOptions();
        if (!https.Enabled)
        {
            return;
        }

        builder.Services.AddSingleton<ServerCertificate>();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<ServerCertificate>((kestrel, certificate) =>
            kestrel.ConfigureHttpsDefaults(defaults =>
            {
                defaults.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                defaults.ServerCertificateSelector = (_, _) => certificate.Current;
            }));
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddHttpsRedirection(redirect =>
        {
            // 308 keeps the method and body, so an xAPI client that POSTs to http:// is told where to POST again.
            redirect.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            redirect.HttpsPort = https.PublicPort;
        });
    }

    public static WebApplication UseGatewayHttps(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<HttpsOptions>>().Value.Enabled)
        {
            return app;
        }
        app.UseWhen(context => !Extensions.Extensions.IsHealthProbe(context.Request.Path), plain => plain.UseHttpsRedirection());
        app.UseHsts();
        return app;
    }
}
