using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Model;

/// <summary>
/// An OpenAI-compatible chat-completions server on a real loopback port (Kestrel), scripted per question: each request
/// is answered with the next scripted reply for the conversation's user question (a tool call or text), and every
/// request body is kept for the test to inspect. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it down and
/// bring it back on the same port.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    public const string ModelName = "fake-model";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _scripts = new();
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private WebApplication? _app;
    private int _port;

    /// <summary>The base URL the agent is configured with (<c>Agent:Model:Endpoint</c>).</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{_port}/v1");

    /// <summary>Every chat-completions request received, in order.</summary>
    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    /// <summary>The requests of the conversation that asked <paramref name="question"/>.</summary>
    public IReadOnlyList<JsonObject> RequestsFor(string question) => Requests.Where(request => UserQuestion(request) == question).ToList();

    public void Script(string question, params JsonObject[] replies) => _scripts[question] = new ConcurrentQueue<JsonObject>(replies);

    public static JsonObject ToolCall(string name, object arguments) => new()
    {
        ["role"] = "assistant",
        ["content"] = null,
        ["tool_calls"] = new JsonArray(new JsonObject
        {
            ["id"] = "call_" + Guid.NewGuid().ToString("N")[..8],
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonSerializer.Serialize(arguments) },
        }),
    };

    public static JsonObject Text(string text) => new() { ["role"] = "assistant", ["content"] = text };

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var request = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            _requests.Enqueue(request);
            var question = UserQuestion(request);
            if (question is null || !_scripts.TryGetValue(question, out var script) || !script.TryDequeue(out var reply))
            {
                return Results.Json(new { error = new { message = $"nothing scripted for {question}" } }, statusCode: 500);
            }
            return Results.Json(Completion(reply));
        });
        await _app.StartAsync();
        _port = new Uri(_app.Urls.First()).Port;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
        // Down means refused connections: nothing listens on the port any more.
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", _port));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The conversation's user question: the text of its first user message (a string, or text parts).</summary>
    public static string? UserQuestion(JsonObject request)
    {
        var content = request["messages"]!.AsArray().FirstOrDefault(message => message!["role"]!.GetValue<string>() == "user")?["content"];
        return content switch
        {
            JsonValue value => value.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(part => part!["text"]?.GetValue<string>())),
            _ => null,
        };
    }

    private static JsonObject Completion(JsonObject message) => new()
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12],
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = ModelName,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message.DeepClone(),
            ["finish_reason"] = message["tool_calls"] is null ? "stop" : "tool_calls",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
    };
}
