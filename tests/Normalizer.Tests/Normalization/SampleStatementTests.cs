namespace Normalizer.Tests.Normalization;

/// <summary>
/// The sample 7taps "answered a form card" statement (<see cref="SampleFiles.Statement"/>), with the sample
/// catalogue, which has its lesson (lesson 1): the twin of <see cref="RealStatementTests"/> that runs everywhere.
/// </summary>
public class SampleStatementTests
{
    private static readonly FormCardAnswer Expected = new(
        Fixtures.SampleStatement("2026-03-02T07:41:09.250Z"), Fixtures.SampleCatalogue(),
        StatementId: Guid.Parse("8c1e4b27-5d93-4f0a-b6e2-71a9d3c05f48"),
        LearnerHash: "3f9a0c5d7b2e48f1a6c4d9e0b1f27a83",
        LessonUrl: "https://courses.example.org/Kq4vRt8LmZ2a",
        LessonSlug: "Kq4vRt8LmZ2a",
        LessonNumber: "1", // from the catalogue: the parent has no definition
        LessonName: "Notice Your Habits",
        QuestionId: "https://courses.example.org/Kq4vRt8LmZ2a/form/4417302",
        // The bold title and italic word as plain text; the trailing spaces after "up?" dropped, the two blank
        // lines made one, the final line break trimmed.
        QuestionText: "🌅 Morning check-in\nWhat do you reach for first after waking up?\n\n-Phone\n-Water\n-Coffee",
        Response: "Water first, then the phone 🙂",
        Timestamp: new DateTimeOffset(2026, 3, 2, 7, 41, 9, 250, TimeSpan.Zero));

    [Fact]
    public void Is_not_skipped_and_not_voiding() => Expected.Is_not_skipped_and_not_voiding();

    [Fact]
    public void User_is_the_7taps_account_hash() => Expected.User_is_the_7taps_account_hash();

    [Fact]
    public void Lesson_is_the_parent_from_context_named_by_the_catalogue() => Expected.Lesson_is_the_parent_from_context();

    [Fact]
    public void Question_is_the_form_card_with_its_text_as_plain_text() => Expected.Question_is_the_form_card_with_its_text_as_plain_text();

    [Fact]
    public void Response_is_the_free_text_at_the_statement_timestamp() => Expected.Response_is_the_free_text_at_the_statement_timestamp();

    [Fact]
    public void Activity_records_the_answered_verb() => Expected.Activity_records_the_answered_verb();

    [Fact]
    public void Every_row_carries_the_statement_id() => Expected.Every_row_carries_the_statement_id();

    [Fact]
    public void Timestamp_comes_from_timestamp_not_stored() => Expected.Timestamp_comes_from_timestamp_not_stored();
}
