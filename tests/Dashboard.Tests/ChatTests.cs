using System.Globalization;

namespace Dashboard.Tests;

/// <summary>Chat with Seven in the browser: streamed answers with their evidence, feedback, conversations, and tiles that ask.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ChatTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task Seven_answers_with_the_true_figure_shows_its_sql_and_stores_feedback_and_the_conversation()
    {
        var viewer = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        var chat = new ChatPage(viewer.Page);
        await chat.OpenAsync();
        // The busiest day: a figure no other test of the collection changes (their statements fall on other days).
        var day = dashboard.Truth.Daily.MaxBy(d => d.ActiveLearners)!;
        var question = $"active learners on {day.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";

        var turn = await chat.AskAsync(question);

        Assert.Equal(day.ActiveLearners.ToString(CultureInfo.InvariantCulture), await chat.CellAsync(turn, "active_learners"));
        Assert.Contains(day.ActiveLearners.ToString(CultureInfo.InvariantCulture), await turn.Locator("[data-answer]").InnerTextAsync());
        var sql = await turn.Locator("[data-sql]").InnerTextAsync();
        Assert.Matches(@"^\s*(SELECT|WITH)\b", sql);
        var exchange = await dashboard.ScalarAsync<Guid>(
            "SELECT id FROM agent.exchanges WHERE question = $1 AND user_name = $2", question, DashboardFixture.ViewerEmail);
        // The viewer cannot open the workbench, so is not offered to copy the SQL there (an analyst is: the test below).
        Assert.Equal(0, await turn.Locator("[data-workbench]").CountAsync());
        Assert.NotEqual(0, await turn.Locator("[data-assumptions] li").CountAsync());
        Assert.Contains("Data as of", await turn.Locator("[data-freshness]").InnerTextAsync());
        await viewer.ScreenshotAsync("chat");

        await chat.GiveFeedbackAsync(turn, helpful: false, "I meant the week, not the day");
        Assert.Equal("false|I meant the week, not the day", await dashboard.ScalarAsync<string>(
            "SELECT helpful::text || '|' || reason FROM agent.feedback WHERE exchange_id = $1", exchange));

        // A follow-up button asks in the same conversation, which the list then offers to reopen.
        await turn.Locator(".chat-follow-ups button").First.ClickAsync();
        await chat.TurnAsync(1);
        var conversation = await dashboard.ScalarAsync<string>("SELECT conversation_id FROM agent.exchanges WHERE id = $1", exchange);
        Assert.Equal(2L, await dashboard.ScalarAsync<long>("SELECT count(*) FROM agent.exchanges WHERE conversation_id = $1", conversation!));
        await viewer.Page.GotoAsync("/chat");
        await viewer.Page.Locator($"[data-conversation='{conversation}'] a").ClickAsync();
        var reopened = await chat.TurnAsync(0);
        Assert.Equal(sql, await reopened.Locator("[data-sql]").InnerTextAsync());
        await chat.TurnAsync(1);
    }

    [Fact]
    public async Task Copy_to_workbench_opens_the_answers_sql_with_its_values_and_it_gives_the_answers_figure()
    {
        var admin = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        var chat = new ChatPage(admin.Page);
        await chat.OpenAsync();
        var day = dashboard.Truth.Daily.MaxBy(d => d.ActiveLearners)!;
        var turn = await chat.AskAsync($"active learners on {day.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
        var figure = await chat.CellAsync(turn, "active_learners");
        // What ran has the day's bounds as parameters: the workbench gets them written in.
        Assert.Contains("$1", await turn.Locator("[data-sql]").InnerTextAsync());

        await turn.Locator("[data-workbench]").ClickAsync();

        var workbench = new WorkbenchPage(admin);
        await admin.Page.Locator("[data-schema]").WaitForAsync(new() { Timeout = 180_000 });
        await Assertions.Expect(workbench.Editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"'{day.Date:yyyy-MM-dd}"), new() { Timeout = 30_000 });
        Assert.DoesNotContain("$1", await workbench.Editor.InputValueAsync());
        Assert.Equal(0, await admin.Page.Locator("[data-parameter]").CountAsync());
        Assert.Equal("ok", await workbench.RunShownAsync());
        Assert.Equal(figure, (await workbench.ColumnAsync("active_learners"))[0]);
    }

    [Fact]
    public async Task Ask_seven_on_a_tile_opens_the_chat_with_its_question_and_filter()
    {
        var viewer = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        var lesson = dashboard.Truth.Lessons.OrderBy(l => l.Number).First();
        await viewer.OpenAsync($"/dropoff?lesson={Uri.EscapeDataString(lesson.Url)}&from=2025-09-01&to=2025-10-01", "dropoff");
        await viewer.Page.GetByRole(AriaRole.Link, new() { Name = "Ask Seven about this: Lesson funnel" }).ClickAsync();

        var chat = new ChatPage(viewer.Page);
        Assert.Equal("Where do learners drop off?", await viewer.Page.GetByLabel("Ask Seven", new() { Exact = true }).InputValueAsync());
        var context = await viewer.Page.Locator("[data-context]").InnerTextAsync();
        Assert.Contains($"lesson \"{lesson.Name}\"", context);
        Assert.Contains("2025-09-01 to 2025-09-30", context);
        await viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        var turn = await chat.TurnAsync(0);
        Assert.Contains($"in {lesson.Name} between 2025-09-01 and 2025-09-30", await turn.Locator(".chat-question").InnerTextAsync());
    }
}
