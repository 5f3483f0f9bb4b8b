using System.Text.Json;

namespace Ingest.Tests;

/// <summary>Reads the JSON problem documents the LRS answers errors with.</summary>
public static class Problems
{
    public static async Task<IReadOnlyList<string>> ErrorPathsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
    }

    public static async Task<string> SingleErrorPathAsync(HttpResponseMessage response) => Assert.Single(await ErrorPathsAsync(response));
}

public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The condition did not hold within {seconds} s.");
            }
            await Task.Delay(100);
        }
    }
}
