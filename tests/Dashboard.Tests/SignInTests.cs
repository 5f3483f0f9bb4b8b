using System.Net;

namespace Dashboard.Tests;

/// <summary>Sign-in, roles and the protections around them, in the browser and over plain HTTP.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture dashboard)
{
    private static readonly string[] Pages = ["/", "/dropoff", "/engagement", "/learners", "/learners/someone", "/explorer", "/admin/users", "/admin/api-keys", "/admin/xapi"];
    private static readonly string[] AdminPages = ["/admin/users", "/admin/api-keys", "/admin/xapi"];

    [Fact]
    public async Task No_page_renders_data_without_sign_in()
    {
        var page = await dashboard.NewPageAsync();
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);

            Assert.Contains("/account/login", page.Url);
            Assert.Equal(0, await page.Locator("[data-tile], [data-figure], table").CountAsync());
        }
        await new DashboardPage(page).ScreenshotAsync("sign-in");

        // Nor does the circuit open without a cookie: Blazor's hub is behind the same policy.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = dashboard.Gateway };
        using var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.True(negotiate.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"negotiate answered {negotiate.StatusCode}");
    }

    [Fact]
    public async Task A_viewer_sees_the_dashboards_but_cannot_open_admin_pages()
    {
        var viewer = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await viewer.OpenAsync("/", "overview");
        Assert.Equal(0, await viewer.Page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).CountAsync());

        foreach (var path in AdminPages)
        {
            await viewer.Page.GotoAsync(path);

            Assert.Contains("/account/access-denied", viewer.Page.Url);
            Assert.Equal(0, await viewer.Page.Locator("table, [data-secret]").CountAsync());
            await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        const string email = "locked@dashboard.test";
        var password = await dashboard.CreateUserAsync(email, "viewer");
        var page = new DashboardPage(await dashboard.NewPageAsync());

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.SignInAsync(email, "not-the-password-" + attempt);
        }
        await page.SignInAsync(email, password);

        Assert.Contains("/account/login", page.Page.Url);
        await Assertions.Expect(page.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_forms_need_the_antiforgery_token()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = dashboard.Gateway };

        using var login = await http.GetAsync("/account/login");
        var policy = string.Join(" ", login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("__RequestVerificationToken", await login.Content.ReadAsStringAsync());

        using var forged = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Form.Email"] = DashboardFixture.AdminEmail, ["Form.Password"] = DashboardFixture.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(cookie => cookie.StartsWith("seventaps.auth", StringComparison.Ordinal)));
    }
}
