using System.Net.Http.Headers;
using System.Security.Claims;
using Dashboard.Web.Components;
using Dashboard.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SevenTaps.Hosting;

namespace Dashboard.Web.Services;

/// <summary>What a new dashboard-web does before it reports healthy (<see cref="StartupWarmUp"/>).</summary>
public static class DashboardWarmUp
{
    /// <summary>The pages a person opens first, as the navigation names them (a learner's page for no learner).</summary>
    internal static readonly IReadOnlyList<string> Pages = ["/", "/dropoff", "/engagement", "/learners", "/learners/warm-up", "/responses", "/explorer"];

    /// <summary>Signed in with every role's pages open to it, and no name: the API calls name no person.</summary>
    private static readonly ClaimsPrincipal Renderer = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Admin)], authenticationType: "warm-up"));

    /// <summary>
    /// One call to Analytics.Api with the dashboard's key, over a day long before any course: the first page's tiles
    /// then find the client's pipeline (service discovery, resilience, connections) built and the key already verified
    /// by analytics (a PBKDF2 of about 250 ms per process), instead of waiting for both.
    /// </summary>
    public static async Task AnalyticsCallAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AnalyticsClient));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{PublicRoutes.Analytics}/overview?{WarmUpCall.NoDay}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", services.GetRequiredService<IOptions<DashboardOptions>>().Value.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadFromJsonAsync<Overview>(cancellationToken);
    }

    /// <summary>
    /// What a signed-in person's first request runs before anything else, even for a favicon: the cookie read, and
    /// the check of the account's security stamp (every <see cref="AuthenticationExtensions.CookieValidationInterval"/>),
    /// whose queries EF Core builds its model for and compiles on first use: 220-900 ms of a new dashboard-web's first
    /// signed-in request on two cores, 80-130 ms after this step. Done for the first account by id, reading only.
    /// </summary>
    public static async Task SignedInRequestAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.Users.OrderBy(user => user.Id).FirstOrDefaultAsync(cancellationToken) is not { } account)
        {
            return;
        }
        var signIn = services.GetRequiredService<SignInManager<IdentityUser>>();
        var principal = await signIn.CreateUserPrincipalAsync(account);
        _ = await signIn.ValidateSecurityStampAsync(principal);
        var cookie = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        _ = cookie.TicketDataFormat.Unprotect(cookie.TicketDataFormat.Protect(new AuthenticationTicket(principal, IdentityConstants.ApplicationScheme)));
    }

    /// <summary>
    /// Renders each of <see cref="Pages"/> once through the router, to HTML in this process, for a day long before any
    /// course: the components, the routing table, the layout and the tiles' calls are compiled and built before the
    /// first person's circuit needs them. The HTML is dropped; the tiles' answers for that day are shared like any
    /// other and match no filter a person sets.
    /// </summary>
    public static async Task RenderPagesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        await Task.WhenAll(Pages.Select(page => RenderAsync(scopes, loggers, page, cancellationToken)));
    }

    private static async Task RenderAsync(IServiceScopeFactory scopes, ILoggerFactory loggers, string page, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        const string baseUri = "http://localhost/";
        ((IHostEnvironmentNavigationManager)services.GetRequiredService<NavigationManager>()).Initialize(baseUri, $"{baseUri}{page.TrimStart('/')}?{WarmUpCall.NoDay}");
        ((IHostEnvironmentAuthenticationStateProvider)services.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(Renderer)));
        await using var renderer = new HtmlRenderer(services, loggers);
        await renderer.Dispatcher.InvokeAsync(() => renderer.RenderComponentAsync<Routes>()).WaitAsync(cancellationToken);
    }
}
