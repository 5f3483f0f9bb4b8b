namespace Agent.Api.Infrastructure;

/// <summary>A query an analyst saved (table <c>agent.saved_queries</c>); each save of its SQL is a new <see cref="SavedQueryVersion"/>.</summary>
public sealed class SavedQuery
{
    public Guid Id { get; set; }

    public required string Owner { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Listed in everyone's query library, not only the owner's saved queries.</summary>
    public bool Shared { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<SavedQueryVersion> Versions { get; set; } = [];
}

/// <summary>One version of a saved query's SQL (table <c>agent.saved_query_versions</c>), numbered from 1.</summary>
public sealed class SavedQueryVersion
{
    public Guid QueryId { get; set; }

    public int Version { get; set; }

    public required string Sql { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    public required string SavedBy { get; set; }
}
