namespace AppHost.Tests;

/// <summary>Development credentials that no service would accept stop AppHost before anything starts.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Theory]
    [InlineData("short", "long-enough-secret", "8 characters")]
    [InlineData("key:with-colon", "long-enough-secret", "':'")]
    [InlineData("long-enough-key", "short", "8 characters")]
    public void An_unusable_xapi_credential_is_refused_by_name(string key, string secret, string reason)
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            TestApplication.Create(_dataDirectory, $"--SEVENTAPS_XAPI_KEY={key}", $"--SEVENTAPS_XAPI_SECRET={secret}"));

        Assert.Contains("SEVENTAPS_XAPI_KEY", refused.Message);
        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public void An_unusable_api_key_is_refused_by_name()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => TestApplication.Create(_dataDirectory, "--SEVENTAPS_API_KEY=too-short"));

        Assert.Contains("SEVENTAPS_API_KEY", refused.Message);
    }

    [Fact]
    public void An_unknown_only_name_is_refused_with_the_known_names()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => TestApplication.Create(_dataDirectory, "--only", "ingest"));

        Assert.Contains("'ingest'", refused.Message);
        Assert.Contains("ingest-api", refused.Message);
    }

    [Fact]
    public async Task AppHost_says_what_is_wrong_and_exits_with_2()
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, "AppHost.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { appHost, "--port", "0", "--data-dir", _dataDirectory, "--SEVENTAPS_API_KEY=too-short" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("SEVENTAPS_API_KEY cannot be used", error);
    }
}
