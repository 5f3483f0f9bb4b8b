using Dashboard.Web.Identity;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.FluentUI.AspNetCore.Components;
using SevenTaps.ApiKeys;

namespace Dashboard.Web.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Static web assets resolve from the build output in every environment AppHost may run us in.
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseStaticWebAssets();
        }
        // Behind the gateway (AppHost enables forwarded headers): links and redirects name the host people use,
        // not the loopback address the gateway forwards to.
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders |= ForwardedHeaders.XForwardedHost);
        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddServiceDataSource(ResourceNames.Database);
        builder.AddServiceDbContext<IdentityContext>(IdentityContextOptions.Configure);
        builder.Services.AddApiKeyStore();
        builder.Services.AddHostedService<DashboardStartup>();
        builder.AddDashboardAuthentication();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UserAdministration>();

        builder.AddApiClients();
        builder.AddStartupWarmUp([], DashboardWarmUp.AnalyticsCallAsync, DashboardWarmUp.SignedInRequestAsync, DashboardWarmUp.RenderPagesAsync);
        // Live updates: one watcher of the data version per process, and the tiles' answers shared by every view.
        builder.AddServiceRedisClient(ResourceNames.Redis);
        builder.Services.AddSingleton<DataVersionWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DataVersionWatcher>());
        builder.Services.AddSingleton<SharedAnswers>();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        builder.Services.AddProblemDetails();
    }
}
