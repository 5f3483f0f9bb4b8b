using SevenTaps.Text;

namespace Normalizer.Worker.Normalization;

/// <summary>
/// Which answers are free text, and their sentiment: one rule for the normalizer (a statement's answer), the CSV
/// import (an exported answer) and the sentiment backfill (a stored answer and its question's row).
/// </summary>
internal static class FreeTextAnswers
{
    /// <summary>A non-empty answer to a fill-in or long-fill-in interaction, or to a 7taps form card that names no interaction type.</summary>
    public static bool HasSentiment(string? questionType, string? interactionType, string? response) =>
        response is { Length: > 0 } && IsFreeText(questionType, interactionType);

    /// <summary>A fill-in or long-fill-in interaction, or a 7taps form card that names no interaction type.</summary>
    public static bool IsFreeText(string? questionType, string? interactionType) =>
        interactionType is "fill-in" or "long-fill-in" || (interactionType is null && questionType == CardTypes.Form);

    /// <summary>The VADER compound score of the answer (result.response verbatim) when it <see cref="HasSentiment"/>; otherwise null.</summary>
    public static double? SentimentOf(string? questionType, string? interactionType, string? response) =>
        HasSentiment(questionType, interactionType, response) ? SentimentAnalyzer.Compound(response!) : null;
}
