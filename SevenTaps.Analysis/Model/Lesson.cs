namespace SevenTaps.Analysis.Model;

/// <summary>A lesson (table <c>lessons</c>), keyed by its cleaned URL; merged over statements like <see cref="User"/>.</summary>
public sealed class Lesson
{
    public required string LessonUrl { get; set; }

    /// <summary>The URL's last path segment (7taps: the lesson id).</summary>
    public required string LessonSlug { get; set; }

    /// <summary>From the lesson catalogue, when it knows the URL.</summary>
    public string? LessonNumber { get; set; }

    /// <summary>From the catalogue, else the lesson activity's name.</summary>
    public string? LessonName { get; set; }

    public required string Source { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public Guid FirstStatementId { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public Guid StatementId { get; set; }
}
