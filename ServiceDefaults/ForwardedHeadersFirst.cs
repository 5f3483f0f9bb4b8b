using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Reads X-Forwarded-For and X-Forwarded-Proto before anything else looks at the request, believing them only from
/// the default known proxies (loopback: the gateway runs beside the services). ASP.NET Core's own switch for this
/// (ASPNETCORE_FORWARDEDHEADERS_ENABLED) believes them from anyone. The gateway narrows it to its operator's proxies.
/// </summary>
internal sealed class ForwardedHeadersFirst : IStartupFilter
{
    public static void AddTo(IServiceCollection services)
    {
        services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddTransient<IStartupFilter, ForwardedHeadersFirst>();
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseForwardedHeaders();
        next(app);
    };
}
