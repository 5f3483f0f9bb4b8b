namespace Analytics.Tests;

/// <summary>The watch list on answers these tests write (on the changing-data system, so the truth tests' data stays as planted).</summary>
[Collection(ChangingDataCollection.Name)]
public sealed class WatchListTests(AnalyticsFixture analytics)
{
    private readonly HttpClient _client = analytics.Client();

    [Fact]
    public async Task Watch_list_terms_are_found_as_whole_words_in_any_case_and_apostrophe()
    {
        var question = NewQuestion();
        var answers = new Dictionary<Guid, string>
        {
            [Guid.NewGuid()] = "Honestly I feel HOPELESS about my sleep",
            [Guid.NewGuid()] = "I can’t go on like this, everything is falling apart",
            [Guid.NewGuid()] = "I'm hopelessly devoted to my new morning routine",
            [Guid.NewGuid()] = "The crisis-free week was great",
            [Guid.NewGuid()] = "My sleep is fine",
        };
        await analytics.SendAsync(answers.Select(answer => TestAnswers.FormAnswer(question, answer.Value, answer.Key)));

        var flagged = (await _client.GetJsonAsync($"/api/analytics/responses/flagged?questionId={Uri.EscapeDataString(question)}"))!["items"]!.AsArray()
            .ToDictionary(item => item!["responseText"]!.GetValue<string>(), item => item!["matchedTerms"]!.AsArray().Select(term => term!.GetValue<string>()).Order().ToList());

        Assert.Equal(["hopeless"], flagged["Honestly I feel HOPELESS about my sleep"]);
        Assert.Equal(["can't go on", "falling apart"], flagged["I can’t go on like this, everything is falling apart"]);
        // "crisis-free" contains the word "crisis" (a hyphen is a word boundary); "hopelessly" is another word than "hopeless".
        Assert.Equal(["crisis"], flagged["The crisis-free week was great"]);
        Assert.Equal(3, flagged.Count);
    }

    [Fact]
    public async Task A_voided_answer_is_no_longer_flagged()
    {
        var question = NewQuestion();
        var id = Guid.NewGuid();
        await analytics.SendAsync([TestAnswers.FormAnswer(question, "Everyone would be better off without me", id)]);
        var url = $"/api/analytics/responses/flagged?questionId={Uri.EscapeDataString(question)}";
        Assert.Equal(id, Guid.Parse((await _client.GetJsonAsync(url))!["items"]![0]!["statementId"]!.GetValue<string>()));

        await analytics.SendAsync([TestAnswers.Voiding(id)]);

        Assert.Empty((await _client.GetJsonAsync(url))!["items"]!.AsArray());
        var sentiment = (await _client.GetJsonAsync($"/api/analytics/sentiment?groupBy=question&questionId={Uri.EscapeDataString(question)}"))!;
        Assert.Empty(sentiment["items"]!.AsArray());
    }

    private static string NewQuestion() => $"https://courses.example.com/watch-lesson/form/{Random.Shared.Next(1_000_000, 9_999_999)}";
}
