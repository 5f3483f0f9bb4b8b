using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SevenTaps.Contracts;

namespace Dashboard.Tests;

/// <summary>The admin pages: what an administrator creates there works, and stops working once revoked.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AdminTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task An_api_key_created_on_the_page_works_until_it_is_revoked_there()
    {
        var admin = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        await admin.Page.GotoAsync("/admin/api-keys");
        await admin.Page.GetByLabel("Name").FillAsync("report-robot");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await admin.Page.Locator("[data-secret='api-key']").InnerTextAsync();
        await admin.ScreenshotAsync("admin-api-keys");

        using var http = new HttpClient { BaseAddress = dashboard.Gateway };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, key));

        var row = admin.Page.Locator($"tr[data-key='{key[..10]}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, key));
    }

    [Fact]
    public async Task An_xapi_credential_created_on_the_page_sends_statements_until_it_is_revoked_there()
    {
        var admin = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        await admin.Page.GotoAsync("/admin/xapi");
        Assert.Equal(new Uri(dashboard.Gateway, "/xapi/statements").ToString(), await admin.Page.Locator("[data-endpoint]").InnerTextAsync());
        await admin.Page.GetByLabel("Name").FillAsync("7taps-workspace");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Create credential" }).ClickAsync();
        var key = await admin.Page.Locator("[data-secret='xapi-key']").InnerTextAsync();
        var secret = await admin.Page.Locator("[data-secret='xapi-secret']").InnerTextAsync();
        await admin.ScreenshotAsync("admin-xapi");

        using var http = new HttpClient { BaseAddress = dashboard.Gateway };
        Assert.Equal(HttpStatusCode.NoContent, await PutStatementAsync(http, key, secret));

        var row = admin.Page.Locator($"tr[data-credential='{key}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await PutStatementAsync(http, key, secret));
    }

    [Fact]
    public async Task A_user_added_on_the_page_signs_in_with_the_password_shown_once()
    {
        var admin = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        await admin.Page.GotoAsync("/admin/users");
        await admin.Page.GetByLabel("E-mail").FillAsync("analyst@dashboard.test");
        await admin.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("analyst");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        var password = await admin.Page.Locator("[data-secret='user-password']").InnerTextAsync();
        await Assertions.Expect(admin.Page.Locator("tr[data-user='analyst@dashboard.test']")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("admin-users");

        var analyst = await dashboard.SignedInAsync("analyst@dashboard.test", password);
        await analyst.OpenAsync("/", "overview");
        Assert.Equal(dashboard.Truth.ActiveLearners, await analyst.FigureAsync("learners"));
    }

    [Fact]
    public async Task An_analyst_demoted_on_the_users_page_loses_the_open_workbench_within_seconds()
    {
        const string email = "demoted-analyst@dashboard.test";
        var analyst = await dashboard.SignedInAsync(email, await dashboard.CreateUserAsync(email, "analyst"));
        var workbench = new WorkbenchPage(analyst);
        await workbench.OpenAsync();

        var admin = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        await admin.Page.GotoAsync("/admin/users");
        await admin.Page.GetByLabel($"Role of {email}").SelectOptionAsync("viewer");
        await Assertions.Expect(admin.Page.GetByLabel($"Role of {email}")).ToHaveValueAsync("viewer");

        // The open circuit checks the account every 10 s: the page loses the workbench without a reload.
        await Assertions.Expect(analyst.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Equal(0, await workbench.Editor.CountAsync());
        await analyst.ScreenshotAsync("workbench-after-demotion");

        // And the cookie (checked every 10 s) no longer opens it: the person signs in again, and gets the viewer's pages.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        await analyst.Page.GotoAsync("/workbench");
        while (!analyst.Page.Url.Contains("/account/login") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            await analyst.Page.GotoAsync("/workbench");
        }
        Assert.Contains("/account/login", analyst.Page.Url);
    }

    [Fact]
    public async Task Each_change_on_the_users_page_leaves_one_audit_record_naming_the_administrator()
    {
        const string email = "audited-user@dashboard.test";
        var admin = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        await admin.Page.GotoAsync("/admin/users");
        await admin.Page.GetByLabel("E-mail").FillAsync(email);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        var row = admin.Page.Locator($"tr[data-user='{email}']");
        await Assertions.Expect(row).ToBeVisibleAsync();

        await admin.Page.GetByLabel($"Role of {email}").SelectOptionAsync("analyst");
        await Assertions.Expect(admin.Page.GetByLabel($"Role of {email}")).ToHaveValueAsync("analyst");
        // Saved before the lockout is set behind the page's back: the role change writes the whole user row (its new
        // security stamp), and saved after, it wrote the lockout it had read (none) over the one set here.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await dashboard.ScalarAsync<long>("SELECT count(*) FROM audit.records WHERE action = 'user.set-role' AND target = $1", email) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The role change was not saved within 60 s.");
            await Task.Delay(100);
        }

        // Locked out as five failed sign-ins would leave it; the page shows it on its next load.
        await dashboard.ScalarAsync<object>(
            "UPDATE identity.\"AspNetUsers\" SET \"LockoutEnd\" = now() + interval '1 hour' WHERE \"NormalizedEmail\" = upper($1)", email);
        await admin.Page.ReloadAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("active");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {email}" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        var records = await AuditRecordsAsync(email);
        Assert.Equal(["user.delete", "user.unlock", "user.set-role", "user.create"], records.Select(record => record.GetProperty("action").GetString()));
        Assert.All(records, record => Assert.Equal(("succeeded", "dashboard", DashboardFixture.AdminEmail, "Dashboard.Web"),
            (record.GetProperty("outcome").GetString(), record.GetProperty("via").GetString(), record.GetProperty("userName").GetString(), record.GetProperty("service").GetString())));
        Assert.Equal("role analyst", records[2].GetProperty("detail").GetString());

        // The users command (the fixture made the viewer with it) is recorded with the account that ran it.
        var made = Assert.Single(await AuditRecordsAsync(DashboardFixture.ViewerEmail));
        Assert.Equal(("user.create", "command", "role viewer"),
            (made.GetProperty("action").GetString(), made.GetProperty("via").GetString(), made.GetProperty("detail").GetString()));
    }

    /// <summary>The audit records of one target, newest first, as the analytics admin API lists them through the gateway.</summary>
    private async Task<IReadOnlyList<JsonElement>> AuditRecordsAsync(string target)
    {
        var adminKey = await TestApiKeys.CreateAsync(dashboard.App.GetConnectionString(ResourceNames.Database), "audit-reader", "admin");
        using var http = new HttpClient { BaseAddress = dashboard.Gateway };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var page = JsonDocument.Parse(await http.GetStringAsync($"/api/analytics/admin/audit?target={Uri.EscapeDataString(target)}"));
        return [.. page.RootElement.GetProperty("items").EnumerateArray().Select(record => record.Clone())];
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/analytics/overview");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> PutStatementAsync(HttpClient http, string key, string secret)
    {
        var id = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/xapi/statements?statementId={id}")
        {
            Content = new StringContent($$$"""
                {"id":"{{{id}}}","actor":{"account":{"homePage":"https://7taps.com","name":"admin-test-learner"}},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://courses.example.com/admin-test/poll/1"}}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        request.Headers.Add("X-Experience-API-Version", "1.0.3");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
