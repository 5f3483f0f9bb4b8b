using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Agent.Api.Model;

/// <summary>The <see cref="IChatClient"/> for the configured endpoint: Azure OpenAI, OpenAI, or any OpenAI-compatible server.</summary>
public static class ChatClients
{
    public static IChatClient Create(ModelOptions options)
    {
        // One retry: an unreachable model should turn into an answer that says so within seconds, not after a long backoff.
        var retry = new ClientRetryPolicy(maxRetries: 1);
        return options.Kind switch
        {
            ModelKind.Azure => new AzureOpenAIClient(options.Endpoint!, new ApiKeyCredential(options.Key!),
                    new AzureOpenAIClientOptions { NetworkTimeout = options.RequestTimeout, RetryPolicy = retry })
                .GetChatClient(options.Model).AsIChatClient(),
            ModelKind.OpenAI or ModelKind.Compatible => new OpenAIClient(
                    // Ollama and vLLM take no key, but the client needs one to send.
                    new ApiKeyCredential(string.IsNullOrEmpty(options.Key) ? "none" : options.Key),
                    new OpenAIClientOptions { Endpoint = options.Endpoint, NetworkTimeout = options.RequestTimeout, RetryPolicy = retry })
                .GetChatClient(options.Model).AsIChatClient(),
            _ => throw new InvalidOperationException("No model is configured."),
        };
    }
}
