namespace Normalizer.Worker.Processing;

/// <summary>
/// The users, lessons and questions that voided statements asserted, and the learner-lesson-days they were
/// summed into: they must be recomputed.
/// </summary>
internal sealed class AffectedKeys
{
    private readonly SortedSet<string> _users = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _lessons = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _questions = new(StringComparer.Ordinal);
    private readonly HashSet<(string UserId, string LessonUrl, DateOnly Day)> _learnerLessonDays = [];

    public IReadOnlySet<string> Users => _users;

    public IReadOnlySet<string> Lessons => _lessons;

    public IReadOnlySet<string> Questions => _questions;

    public IReadOnlyCollection<(string UserId, string LessonUrl, DateOnly Day)> LearnerLessonDays => _learnerLessonDays;

    public bool IsEmpty => _users.Count == 0;

    public void Add(string userId, string? lessonUrl, string? questionId, DateTime timestamp)
    {
        _users.Add(userId);
        _learnerLessonDays.Add((userId, lessonUrl ?? "", DateOnly.FromDateTime(timestamp.ToUniversalTime())));
        if (lessonUrl is not null)
        {
            _lessons.Add(lessonUrl);
        }
        if (questionId is not null)
        {
            _questions.Add(questionId);
        }
    }
}
