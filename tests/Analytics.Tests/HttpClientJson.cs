namespace Analytics.Tests;

internal static class HttpClientJson
{
    /// <summary>GETs JSON, failing the test with the status and body when the request did not succeed.</summary>
    public static async Task<JsonNode?> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body);
    }
}
