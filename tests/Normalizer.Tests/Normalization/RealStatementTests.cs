namespace Normalizer.Tests.Normalization;

/// <summary>The real 7taps "answered a form card" statement (<see cref="RealSamples.Statement"/>), with the real catalogue.</summary>
public class RealStatementTests
{
    private static readonly Lazy<FormCardAnswer> Expected = new(() => new FormCardAnswer(
        Fixtures.RealStatement(), Fixtures.RealCatalogue(),
        StatementId: Guid.Parse("dcaad89f-9676-43b0-88bb-694e37f4056d"),
        LearnerHash: "e5c7e967e89124da359bc111ecfb1e65",
        LessonUrl: "https://courses.practiceoflife.com/yjG39Clb0pSm",
        LessonSlug: "yjG39Clb0pSm",
        LessonNumber: null, // this lesson is not in the catalogue
        LessonName: null,
        QuestionId: "https://courses.practiceoflife.com/yjG39Clb0pSm/form/2861644",
        QuestionText: "🧠 Quick pulse check\n"
            + "Rank these 5 areas by what you most want to improve right now — start with your top priority and go down.\n"
            + "(1 = top priority, 5 = lowest)\n"
            + "\n"
            + "-Screen time\n-Sleep\n-Productivity\n-Real-life connection\n-Stress management",
        Response: "aloha!",
        Timestamp: new DateTimeOffset(2025, 10, 11, 14, 3, 12, 345, TimeSpan.Zero)));

    [RealSampleFact(RealSamples.Statement, RealSamples.Catalogue)]
    public void Is_not_skipped_and_not_voiding() => Expected.Value.Is_not_skipped_and_not_voiding();

    [RealSampleFact(RealSamples.Statement, RealSamples.Catalogue)]
    public void User_is_the_7taps_account_hash() => Expected.Value.User_is_the_7taps_account_hash();

    [RealSampleFact(RealSamples.Statement, RealSamples.Catalogue)]
    public void Lesson_is_the_parent_from_context() => Expected.Value.Lesson_is_the_parent_from_context();

    [RealSampleFact(RealSamples.Statement, RealSamples.Catalogue)]
    public void Question_is_the_form_card_with_its_text_as_plain_text() => Expected.Value.Question_is_the_form_card_with_its_text_as_plain_text();

    [RealSampleFact(RealSamples.Statement, RealSamples.Catalogue)]
    public void Response_is_the_free_text_at_the_statement_timestamp() => Expected.Value.Response_is_the_free_text_at_the_statement_timestamp();

    [RealSampleFact(RealSamples.Statement, RealSamples.Catalogue)]
    public void Activity_records_the_answered_verb() => Expected.Value.Activity_records_the_answered_verb();

    [RealSampleFact(RealSamples.Statement, RealSamples.Catalogue)]
    public void Every_row_carries_the_statement_id() => Expected.Value.Every_row_carries_the_statement_id();

    [RealSampleFact(RealSamples.Statement, RealSamples.Catalogue)]
    public void Timestamp_comes_from_timestamp_not_stored() => Expected.Value.Timestamp_comes_from_timestamp_not_stored();
}
