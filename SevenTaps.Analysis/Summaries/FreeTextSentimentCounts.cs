using System.Globalization;
using Npgsql;
using SevenTaps.Text;

namespace SevenTaps.Analysis.Summaries;

/// <summary>
/// The write SQL of the summary table <c>free_text_sentiment_counts</c>.
/// </summary>
/// <remarks>
/// Invariant: per question, lesson (null included) and UTC day of statement time, exactly the count of its response
/// rows with a sentiment, the sum of their sentiments and how many score positive, neutral and negative. Kept like
/// <see cref="QuestionAnswerCounts"/>: response inserts add the rows they actually inserted in the same statement, the
/// sentiment backfill adds the rows it scores in the statement that scores them, voiding recomputes the questions it
/// touched from the responses that remain. Read by Analytics.Api's <c>SentimentQuery</c> when
/// <see cref="SourcePlanner.Sentiment"/> says the counts answer (no cohort: they do not know learners; whole UTC days).
/// </remarks>
public static class FreeTextSentimentCounts
{
    public const string Table = AnalysisSchema.FreeTextSentimentCounts.Name;

    /// <summary>Adds the scored response rows of <paramref name="inserted"/> (a CTE of inserted or newly scored rows).</summary>
    public static string AddResponses(string schema, string inserted) => Add(schema, $"SELECT * FROM {inserted}");

    /// <summary>Recomputes these questions' counts from the responses that remain, their rows locked first in key order.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Recompute(string schema, IReadOnlySet<string> questionIds) =>
        // Nothing conflicts unless a concurrent insert created a key this voiding emptied: that row is already right.
        QuestionSummaryRecompute.Commands(schema, Table, "question_id, lesson_url, day", responses => Add(schema, responses, onConflict: "DO NOTHING"), questionIds);

    /// <summary>Upserts the counts of <paramref name="responses"/>' scored rows in key order, so concurrent writers lock shared rows in one order.</summary>
    private static string Add(string schema, string responses, string? onConflict = null)
    {
        var positive = SentimentAnalyzer.PositiveThreshold.ToString("R", CultureInfo.InvariantCulture);
        var negative = SentimentAnalyzer.NegativeThreshold.ToString("R", CultureInfo.InvariantCulture);
        return $"""
            INSERT INTO {schema}.{Table} AS t (question_id, lesson_url, day, answers, sentiment_sum, positive, neutral, negative)
            SELECT question_id, lesson_url, ("timestamp" AT TIME ZONE 'UTC')::date, count(*), sum(sentiment::numeric),
                   count(*) FILTER (WHERE sentiment >= {positive}),
                   count(*) FILTER (WHERE sentiment > {negative} AND sentiment < {positive}),
                   count(*) FILTER (WHERE sentiment <= {negative})
            FROM ({responses}) AS r WHERE question_id IS NOT NULL AND sentiment IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (question_id, lesson_url, day) {onConflict ?? """
                DO UPDATE SET answers = t.answers + excluded.answers, sentiment_sum = t.sentiment_sum + excluded.sentiment_sum,
                    positive = t.positive + excluded.positive, neutral = t.neutral + excluded.neutral, negative = t.negative + excluded.negative
                """}
            """;
    }
}
