using System.Net.Http.Json;

namespace Agent.Tests.Chat;

/// <summary>Asking Seven over HTTP, and reading its answers' rows by column name.</summary>
public static class ChatAnswers
{
    public static async Task<JsonObject> AskAsync(this HttpClient client, string message, string? conversationId = null)
    {
        using var response = await client.PostAsJsonAsync("/api/agent/chat", new { message, conversationId });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{message}: {(int)response.StatusCode} {body?.ToJsonString()}");
        return body!;
    }

    public static bool Answered(this JsonObject answer) => answer["answered"]!.GetValue<bool>();

    /// <summary>The values of one column, as numbers (null stays null).</summary>
    public static IReadOnlyList<double?> Numbers(this JsonObject answer, string column)
    {
        var index = answer["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList().IndexOf(column);
        if (index < 0)
        {
            throw new KeyNotFoundException($"no column {column} in {answer["columns"]!.ToJsonString()}");
        }
        return answer["rows"]!.AsArray().Select(row => row![index] is { } value ? (double?)value.GetValue<double>() : null).ToList();
    }

    public static IReadOnlyList<string?> Texts(this JsonObject answer, string column)
    {
        var index = answer["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList().IndexOf(column);
        if (index < 0)
        {
            throw new KeyNotFoundException($"no column {column} in {answer["columns"]!.ToJsonString()}");
        }
        return answer["rows"]!.AsArray()
            .Select(row => row![index] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : row[index]?.ToJsonString())
            .ToList();
    }
}
