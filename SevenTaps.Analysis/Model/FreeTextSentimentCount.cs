namespace SevenTaps.Analysis.Model;

/// <summary>
/// The sentiment of a question's free-text answers in one lesson on a UTC day of their statement time (table
/// <c>free_text_sentiment_counts</c>), counted by the normalizer in the transaction that writes or scores them:
/// sentiment by lesson, question, day or week without a cohort, over all time or whole days, reads these instead of
/// every answer.
/// </summary>
public sealed class FreeTextSentimentCount
{
    public required string QuestionId { get; set; }

    /// <summary>The answers' lesson; null for answers without one.</summary>
    public string? LessonUrl { get; set; }

    /// <summary>The UTC day of the answers' statement time.</summary>
    public DateOnly Day { get; set; }

    /// <summary>Free-text answers with a sentiment.</summary>
    public int Answers { get; set; }

    /// <summary>Sum of their VADER compound scores, exact (numeric): the same whatever order the answers were added in.</summary>
    public decimal SentimentSum { get; set; }

    /// <summary>Answers scoring at least the positive threshold (0.05).</summary>
    public int Positive { get; set; }

    /// <summary>Answers scoring between the thresholds.</summary>
    public int Neutral { get; set; }

    /// <summary>Answers scoring at most the negative threshold (-0.05).</summary>
    public int Negative { get; set; }
}
