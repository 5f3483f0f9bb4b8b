namespace Normalizer.Worker.Imports;

/// <summary>One answer of a 7taps response export, as the CSV states it.</summary>
/// <param name="Line">The line its record starts on.</param>
/// <param name="Learner">"Learner": the learner's name (pseudonymized in the sample).</param>
/// <param name="Card">"Card": e.g. "Card 6 (Form): 🧠 Quick pulse check ...".</param>
/// <param name="CardType">"Card type": Poll, Form, Quiz, Submit media, Rate.</param>
/// <param name="LessonNumber">"Lesson Number", as written ("1", "0a").</param>
/// <param name="GlobalQuestion">"Global Q#": the card's number across the course.</param>
/// <param name="PdfPage">"PDF Page #", when the column is there.</param>
/// <param name="Response">"Response": the answer as text (multi-select quiz answers joined with " | ").</param>
internal sealed record ExportRow(int Line, string Learner, string Card, string CardType, string LessonNumber, int GlobalQuestion, string? PdfPage, string Response);
