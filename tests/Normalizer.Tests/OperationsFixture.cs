using SevenTaps.Contracts;

namespace Normalizer.Tests;

/// <summary>The normalizer with analytics-api too, whose migrations create the API key table the operations API checks.</summary>
public sealed class OperationsFixture : NormalizerFixture
{
    protected override string Only => $"{ResourceNames.NormalizerWorker},{ResourceNames.AnalyticsApi}";

    /// <summary>Waits until the bootstrap key is stored (the worker retries until analytics created the table).</summary>
    public async Task WaitForKeysAsync() =>
        await Eventually.HoldsAsync(async () =>
        {
            using var client = OperationsClient();
            using var response = await client.GetAsync("/api/normalizer/dead-letters");
            return response.StatusCode == HttpStatusCode.OK;
        });
}

[CollectionDefinition(Name)]
public sealed class OperationsCollection : ICollectionFixture<OperationsFixture>
{
    public const string Name = "operations";
}
