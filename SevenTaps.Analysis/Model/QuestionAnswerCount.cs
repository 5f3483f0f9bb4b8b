namespace SevenTaps.Analysis.Model;

/// <summary>
/// How many responses a question has on a UTC day of their statement time (table <c>question_answer_counts</c>),
/// counted by the normalizer in the transaction that writes them: the questions list without a cohort, over all time
/// or whole days, reads these instead of every response.
/// </summary>
public sealed class QuestionAnswerCount
{
    public required string QuestionId { get; set; }

    /// <summary>The UTC day of the responses' statement time.</summary>
    public DateOnly Day { get; set; }

    /// <summary>Response rows.</summary>
    public int Answers { get; set; }

    /// <summary>Responses judged correct.</summary>
    public int Correct { get; set; }

    /// <summary>Responses judged at all (correct or not).</summary>
    public int Judged { get; set; }
}
