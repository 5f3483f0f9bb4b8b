namespace SevenTaps.Analysis.Model;

/// <summary>
/// The lesson catalogue every replica uses (table <c>lesson_catalogue</c>, one row): the document as the operator
/// loaded it (lesson_mapping.json shape), and when, which is what replicas watch to pick up a new one.
/// </summary>
public sealed class StoredLessonCatalogue
{
    public const int SingleId = 1;

    /// <summary>Always <see cref="SingleId"/>: there is one catalogue.</summary>
    public int Id { get; set; }

    public required string Document { get; set; }

    public DateTimeOffset LoadedAt { get; set; }
}
