using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using UserResponses = SevenTaps.Analysis.AnalysisSchema.UserResponses;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class UserResponseConfiguration : IEntityTypeConfiguration<UserResponse>
{
    public void Configure(EntityTypeBuilder<UserResponse> builder)
    {
        builder.ToTable(UserResponses.Name);
        // One row per statement: re-delivery of a statement finds its row and writes nothing.
        builder.HasKey(response => response.StatementId);
        builder.Property(response => response.StatementId).HasColumnName(UserResponses.StatementId).ValueGeneratedNever();
        builder.Property(response => response.UserId).HasColumnName(UserResponses.UserId);
        builder.Property(response => response.QuestionId).HasColumnName(UserResponses.QuestionId);
        builder.Property(response => response.LessonUrl).HasColumnName(UserResponses.LessonUrl);
        builder.Property(response => response.ResponseValue).HasColumnName(UserResponses.ResponseValue);
        builder.Property(response => response.ResponseText).HasColumnName(UserResponses.ResponseText);
        builder.Property(response => response.IsCorrect).HasColumnName(UserResponses.IsCorrect);
        builder.Property(response => response.ScoreRaw).HasColumnName(UserResponses.ScoreRaw);
        builder.Property(response => response.ScoreScaled).HasColumnName(UserResponses.ScoreScaled);
        builder.Property(response => response.ScoreMin).HasColumnName(UserResponses.ScoreMin);
        builder.Property(response => response.ScoreMax).HasColumnName(UserResponses.ScoreMax);
        builder.Property(response => response.DurationSeconds).HasColumnName(UserResponses.DurationSeconds);
        builder.Property(response => response.Timestamp).HasColumnName(UserResponses.Timestamp);
        builder.Property(response => response.Source).HasColumnName(UserResponses.Source);
        builder.Property(response => response.SourceData).HasColumnName(UserResponses.SourceData).HasColumnType("jsonb");
        builder.Property(response => response.Sentiment).HasColumnName(UserResponses.Sentiment);

        // Foreign keys, each indexed: deleting a user, lesson or question (voiding its last statement) checks them.
        builder.HasOne<User>().WithMany().HasForeignKey(response => response.UserId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_user_responses_users");
        builder.HasOne<Question>().WithMany().HasForeignKey(response => response.QuestionId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_user_responses_questions");
        builder.HasOne<Lesson>().WithMany().HasForeignKey(response => response.LessonUrl)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_user_responses_lessons");
        builder.HasIndex(response => response.UserId).HasDatabaseName("ix_user_responses_user_id");
        // With the time, newest first: analytics pages through one question's latest free-text answers from it;
        // the leading question_id still serves the foreign key and the per-question counts.
        builder.HasIndex(response => new { response.QuestionId, response.Timestamp }).IsDescending(false, true)
            .HasDatabaseName("ix_user_responses_question_id_timestamp");
        builder.HasIndex(response => response.LessonUrl).HasDatabaseName("ix_user_responses_lesson_url");

        // Full-text search of free-text answers (analytics' responses search): a stored generated vector, so each
        // answer is analysed once when written, and a GIN index to find matches without scanning every answer.
        builder.HasGeneratedTsVectorColumn(response => response.ResponseSearch!, "english", response => new { response.ResponseText })
            .Property(response => response.ResponseSearch).HasColumnName(UserResponses.ResponseSearch);
        builder.HasIndex(response => response.ResponseSearch).HasMethod("GIN").HasDatabaseName("ix_user_responses_response_search");

        // Analytics' themes, sentiment and watch list read only free-text answers (those with a sentiment), newest
        // first or by period: a partial index keeps that a small range scan however many other answers there are,
        // and carries what sentiment aggregates group by, so they never read the (wide) table rows.
        builder.HasIndex(response => response.Timestamp).HasFilter($"{UserResponses.Sentiment} IS NOT NULL").HasDatabaseName("ix_user_responses_free_text_timestamp")
            .IncludeProperties(response => new { response.Sentiment, response.LessonUrl, response.QuestionId, response.UserId });

        // Analytics' watch list matches phrases word for word ("hurt myself"): the English vector above drops stop words
        // ("myself") and would offer every answer with "hurt" as a candidate; the 'simple' configuration keeps every word.
        // Stored, not an expression index: a phrase match is always checked again on the row (the index has no word
        // positions), and computing the vector again for each of the watch list's terms on each candidate cost more
        // than finding the candidates.
        builder.Property(response => response.ResponseWords).HasColumnName(UserResponses.ResponseWords).HasColumnType("tsvector")
            .HasComputedColumnSql($"CASE WHEN {UserResponses.Sentiment} IS NOT NULL THEN to_tsvector('simple'::regconfig, coalesce({UserResponses.ResponseText}, '')) END", stored: true);
        builder.HasIndex(response => response.ResponseWords).HasMethod("GIN")
            .HasFilter($"{UserResponses.Sentiment} IS NOT NULL").HasDatabaseName("ix_user_responses_free_text_words");

        // Themes of one card: that card's newest free-text answers in the order the sample reads them, so the sample
        // is the index's first entries instead of every answer of the card sorted.
        builder.HasIndex(response => new { response.QuestionId, response.Timestamp, response.StatementId }).IsDescending(false, true, false)
            .HasFilter($"{UserResponses.Sentiment} IS NOT NULL").HasDatabaseName("ix_user_responses_free_text_question_timestamp");

        // Analytics' explorer pages through every answer by time with a keyset (time, then statement id): each page
        // is a short range scan of this index wherever it starts, instead of a sort of the whole table.
        builder.HasIndex(response => new { response.Timestamp, response.StatementId }).HasDatabaseName("ix_user_responses_timestamp_statement_id");
    }
}
