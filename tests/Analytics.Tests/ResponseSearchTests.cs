using System.Text.Json;

namespace Analytics.Tests;

[Collection(ChangingDataCollection.Name)]
public sealed class ResponseSearchTests(AnalyticsFixture analytics)
{
    private readonly HttpClient _client = analytics.Client();

    [Fact]
    public async Task Search_is_stemmed_ranked_highlighted_and_safe()
    {
        var question = $"https://courses.example.com/search-lesson/form/{Random.Shared.Next(1_000_000, 9_999_999)}";
        string[] answers =
        [
            "I slept badly all week",
            "Sleeping earlier helped me focus",
            "Sleep is the <b>first</b> thing I protect & keep",
            "Less screen time in the evening",
        ];
        await analytics.SendAsync(answers.Select(answer => TestAnswers.FormAnswer(question, answer)));

        var result = JsonNode.Parse(await GetAsync($"/api/analytics/responses/search?q=sleep&questionId={Uri.EscapeDataString(question)}"))!;
        var hits = result["items"]!.AsArray();

        Assert.Equal(3, result["total"]!.GetValue<long>());
        Assert.Equal(answers.Take(3).Order(), hits.Select(hit => hit!["responseText"]!.GetValue<string>()).Order());
        var protect = hits.Single(hit => hit!["responseText"]!.GetValue<string>().Contains("protect"))!["snippet"]!.GetValue<string>();
        Assert.Contains("<mark>Sleep</mark>", protect);
        // The learner's markup never reaches the snippet as markup: only our <mark> tags are HTML.
        Assert.DoesNotContain("<b>", protect);
        Assert.Contains("&amp; keep", protect);

        var phrase = JsonNode.Parse(await GetAsync($"/api/analytics/responses/search?q=%22screen%20time%22&questionId={Uri.EscapeDataString(question)}"))!;
        Assert.Equal("Less screen time in the evening", Assert.Single(phrase["items"]!.AsArray())!["responseText"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/analytics/responses/search", "q")]
    [InlineData("/api/analytics/responses/search?q=sleep&sort=timestamp", "sort")]
    public async Task Bad_search_parameters_are_rejected_by_name(string url, string parameter)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([parameter], problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    [Fact]
    public void Irregular_forms_are_searched_too()
    {
        Assert.Equal(["sleep badly", "slept badly"], IrregularFormsOf("sleep badly"));
        Assert.Equal(["woke late", "wake late", "woken late"], IrregularFormsOf("woke late"));
        Assert.Equal(["screen time"], IrregularFormsOf("screen time"));
    }

    private static IReadOnlyList<string> IrregularFormsOf(string query) => Analytics.Api.Queries.IrregularForms.Alternatives(query);

    private async Task<string> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
