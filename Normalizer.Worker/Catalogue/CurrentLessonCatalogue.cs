using Normalizer.Worker.Normalization;

namespace Normalizer.Worker.Catalogue;

/// <summary>The catalogue this replica labels lessons with: the stored one, swapped when another is loaded.</summary>
internal sealed class CurrentLessonCatalogue
{
    private volatile Snapshot _current = new(LessonCatalogue.Empty, null);

    public LessonCatalogue Value => _current.Catalogue;

    /// <summary>When the stored catalogue this replica uses was loaded; null before any.</summary>
    public DateTimeOffset? LoadedAt => _current.LoadedAt;

    public void Set(LessonCatalogue catalogue, DateTimeOffset loadedAt) => _current = new Snapshot(catalogue, loadedAt);

    private sealed record Snapshot(LessonCatalogue Catalogue, DateTimeOffset? LoadedAt);
}
