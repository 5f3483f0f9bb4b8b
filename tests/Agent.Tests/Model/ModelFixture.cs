namespace Agent.Tests.Model;

/// <summary>
/// The agent configured, through AppHost's <c>SEVENTAPS_MODEL_*</c> pass-through, with an OpenAI-compatible model: the
/// scripted <see cref="FakeModelServer"/> on a real port in this process.
/// </summary>
public sealed class ModelFixture : AgentFixture
{
    public FakeModelServer Model { get; } = new();

    protected override IEnumerable<string> SystemArguments =>
    [
        "--SEVENTAPS_MODEL_KIND=Compatible",
        $"--SEVENTAPS_MODEL_ENDPOINT={Model.Endpoint}",
        $"--SEVENTAPS_MODEL_NAME={FakeModelServer.ModelName}",
        "--SEVENTAPS_MODEL_KEY=fake-model-key-not-secret",
        "--SEVENTAPS_MODEL_TIMEOUT=00:00:10",
    ];

    public override async Task InitializeAsync()
    {
        await Model.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Model.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ModelCollection : ICollectionFixture<ModelFixture>
{
    public const string Name = "agent-model";
}
