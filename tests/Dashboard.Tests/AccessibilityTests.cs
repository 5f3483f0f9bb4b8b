namespace Dashboard.Tests;

/// <summary>axe-core (from npm, run in the page) finds no WCAG 2.1 A or AA violation on any page, in either theme.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AccessibilityTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task Every_page_meets_WCAG_2_1_AA_by_axe_in_the_light_theme_and_the_dashboards_in_the_dark_one()
    {
        var learner = await dashboard.ScalarAsync<string>("SELECT min(user_id) FROM analysis.learner_totals");
        var lesson = dashboard.Truth.Lessons.First(lesson => lesson.Started > 0).Url;
        string[] pages =
        [
            "/", "/dropoff", $"/dropoff?lesson={Uri.EscapeDataString(lesson)}", "/engagement", "/learners", $"/learners/{Uri.EscapeDataString(learner!)}",
            "/responses", "/explorer", $"/explorer?lesson={Uri.EscapeDataString(lesson)}", "/chat", "/workbench",
            "/admin/users", "/admin/api-keys", "/admin/xapi", "/admin/operations",
        ];
        var violations = new List<string>();

        var signIn = new DashboardPage(await dashboard.NewPageAsync());
        await signIn.Page.GotoAsync("/account/login");
        violations.AddRange(await signIn.AccessibilityViolationsAsync());

        var admin = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        foreach (var path in pages)
        {
            await admin.OpenDrawnAsync(path);
            violations.AddRange((await admin.AccessibilityViolationsAsync()).Select(violation => $"{path}: {violation}"));
        }

        await admin.SwitchThemeAsync();
        foreach (var path in pages[..8])
        {
            await admin.OpenDrawnAsync(path);
            violations.AddRange((await admin.AccessibilityViolationsAsync()).Select(violation => $"{path} (dark): {violation}"));
        }
        await admin.ScreenshotAsync("explorer-dark");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
