using Agent.Api.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Model;

/// <summary>The model endpoint's configuration as the agent binds and validates it at start.</summary>
public sealed class ModelOptionsTests
{
    [Fact]
    public void No_model_is_the_default_and_needs_nothing() =>
        Assert.Equal(ModelKind.None, Bind([]).Kind);

    [Theory]
    [InlineData("Compatible", "http://127.0.0.1:11434/v1", "llama3.1", null)]
    [InlineData("Azure", "https://seven.openai.azure.com/", "gpt-4o-deployment", "azure-key")]
    [InlineData("OpenAI", null, "gpt-4o-mini", "sk-test")]
    public void A_complete_endpoint_binds(string kind, string? endpoint, string model, string? key)
    {
        var options = Bind(Settings(kind, endpoint, model, key));
        Assert.Equal(Enum.Parse<ModelKind>(kind), options.Kind);
        Assert.Equal(model, options.Model);
        Assert.False(options.ShareLearnerText);
    }

    [Theory]
    [InlineData("Compatible", null, "llama3.1", null, "Endpoint is required")]
    [InlineData("Azure", "https://seven.openai.azure.com/", "gpt-4o", null, "Key is required")]
    [InlineData("OpenAI", null, null, "sk-test", "Model is required")]
    [InlineData("Compatible", "ftp://127.0.0.1/v1", "llama3.1", null, "absolute http(s) URL")]
    public void An_incomplete_endpoint_fails_with_what_is_missing(string kind, string? endpoint, string? model, string? key, string problem)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(Settings(kind, endpoint, model, key)));
        Assert.Contains(problem, failure.Message);
    }

    [Theory]
    [InlineData("Compatible", "http://127.0.0.1:11434/v1", "llama3.1", null)]
    [InlineData("Azure", "https://seven.openai.azure.com/", "gpt-4o-deployment", "azure-key")]
    [InlineData("OpenAI", null, "gpt-4o-mini", "sk-test")]
    public void Each_kind_makes_a_chat_client_for_its_model(string kind, string? endpoint, string model, string? key)
    {
        // Constructing the clients loads Azure.AI.OpenAI and OpenAI together; nothing connects until a question is asked.
        using var client = ChatClients.Create(Bind(Settings(kind, endpoint, model, key)));
        Assert.Equal(model, client.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    private static Dictionary<string, string?> Settings(string kind, string? endpoint, string? model, string? key) => new()
    {
        ["Agent:Model:Kind"] = kind, ["Agent:Model:Endpoint"] = endpoint, ["Agent:Model:Model"] = model, ["Agent:Model:Key"] = key,
    };

    /// <summary>Binds as the agent's start-up does (BindConfiguration, data annotations including IValidatableObject).</summary>
    private static ModelOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.SectionName).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ModelOptions>>().Value;
    }
}
