using System.Text.RegularExpressions;
using Agent.Api.Engine;
using Agent.Api.Engine.Offline;

namespace Agent.Api.Model;

/// <summary>A verified question with the SQL and parameters Seven runs for it on this course.</summary>
public sealed record VerifiedExample(string Question, string Sql, IReadOnlyList<object?> Parameters);

/// <summary>
/// Verified question -> SQL examples retrieved for a question: the phrasings below whose words overlap the question's
/// most, each resolved by the offline parser and the verified queries against the current course, so the SQL shown is
/// exactly what Seven would run.
/// </summary>
public static partial class VerifiedExamples
{
    /// <summary>One phrasing per verified measure (and the common variants of the per-lesson ones).</summary>
    public static readonly IReadOnlyList<string> Questions =
    [
        "Give me an overview",
        "How many learners are there?",
        "How many statements were recorded last week?",
        "How many lessons are there?",
        "How many answers were given in October?",
        "How many free-text answers are there?",
        "How many learners started lesson 2?",
        "How many learners completed lesson 3?",
        "What is the completion rate of lesson 1?",
        "Completion rate by lesson for cohort B",
        "Which lesson has the lowest completion rate?",
        "Compare lesson 1 vs lesson 2 completion",
        "How long does it take to complete each lesson?",
        "Where do learners drop off?",
        "How many answers per lesson?",
        "Daily active learners last month",
        "Weekly active learners",
        "Answers per card in lesson 2",
        "What do learners say about sleep?",
        "Which learners are at risk?",
        "What is the sentiment by lesson?",
        "What themes come up in the reflections?",
        "Which answers were flagged?",
        "How did learners answer card 1 of lesson 1?",
        "Which cohort is most active?",
        "Completion rate by cohort",
    ];

    private static readonly HashSet<string> StopWords =
        ["a", "an", "the", "of", "in", "on", "is", "are", "was", "were", "what", "which", "how", "do", "does", "to", "for", "me", "by", "per", "and", "there", "many"];

    public static IReadOnlyList<VerifiedExample> For(string question, CourseCatalog catalog, DateTimeOffset now, IReadOnlyList<string> watchList, int count = 4)
    {
        var words = Words(question);
        var parser = new QuestionParser(catalog, now);
        return Questions
            .Select((example, index) => (example, index, score: Words(example).Count(words.Contains)))
            .OrderByDescending(candidate => candidate.score).ThenBy(candidate => candidate.index)
            .Select(candidate => (candidate.example, parser.Parse(candidate.example, null).Intent))
            // An example naming a lesson or cohort this course lacks does not parse; it is left out.
            .Where(candidate => candidate.Intent is not null)
            .Take(count)
            .Select(candidate =>
            {
                var query = VerifiedQueries.For(candidate.Intent!, watchList);
                return new VerifiedExample(candidate.example, query.Sql, query.Parameters);
            })
            .ToList();
    }

    private static HashSet<string> Words(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(match => match.Value).Where(word => !StopWords.Contains(word)).ToHashSet();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Word();
}
