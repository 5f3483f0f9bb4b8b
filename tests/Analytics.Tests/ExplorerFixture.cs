namespace Analytics.Tests;

/// <summary>
/// The generated course plus answers a spreadsheet would run as formulas (each on a hostile card of its own lesson),
/// on a system of its own so the other collections' truth stays as planted.
/// </summary>
public sealed class ExplorerFixture : AnalyticsFixture
{
    public const string HostileCard = "https://courses.example.com/hostile-lesson/form/1000001";

    /// <summary>Answers beginning with =, +, -, @, a tab and a carriage return, by statement id.</summary>
    public IReadOnlyDictionary<Guid, string> HostileAnswers { get; } = new Dictionary<Guid, string>
    {
        [Guid.NewGuid()] = "=HYPERLINK(\"http://evil.example\",\"click\")",
        [Guid.NewGuid()] = "+1+cmd|' /C calc'!A0",
        [Guid.NewGuid()] = "-2+3, then sleep",
        [Guid.NewGuid()] = "@SUM(1,2)",
        [Guid.NewGuid()] = "\t=1+1 after a tab",
        [Guid.NewGuid()] = "\r=1+1 after a carriage return",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SendAsync(HostileAnswers.Select(answer => TestAnswers.FormAnswer(HostileCard, answer.Value, answer.Key)));
    }
}

[CollectionDefinition(Name)]
public sealed class ExplorerCollection : ICollectionFixture<ExplorerFixture>
{
    public const string Name = "explorer";
}
