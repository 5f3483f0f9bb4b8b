using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using UserActivities = SevenTaps.Analysis.AnalysisSchema.UserActivities;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class UserActivityConfiguration : IEntityTypeConfiguration<UserActivity>
{
    public void Configure(EntityTypeBuilder<UserActivity> builder)
    {
        builder.ToTable(UserActivities.Name);
        builder.HasKey(activity => activity.StatementId);
        builder.Property(activity => activity.StatementId).HasColumnName(UserActivities.StatementId).ValueGeneratedNever();
        builder.Property(activity => activity.UserId).HasColumnName(UserActivities.UserId);
        builder.Property(activity => activity.LessonUrl).HasColumnName(UserActivities.LessonUrl);
        builder.Property(activity => activity.QuestionId).HasColumnName(UserActivities.QuestionId);
        builder.Property(activity => activity.ActivityType).HasColumnName(UserActivities.ActivityType);
        builder.Property(activity => activity.Verb).HasColumnName(UserActivities.Verb);
        builder.Property(activity => activity.Completion).HasColumnName(UserActivities.Completion);
        builder.Property(activity => activity.Success).HasColumnName(UserActivities.Success);
        builder.Property(activity => activity.DurationSeconds).HasColumnName(UserActivities.DurationSeconds);
        builder.Property(activity => activity.Timestamp).HasColumnName(UserActivities.Timestamp);
        builder.Property(activity => activity.Source).HasColumnName(UserActivities.Source);
        builder.Property(activity => activity.SourceData).HasColumnName(UserActivities.SourceData).HasColumnType("jsonb");

        builder.HasOne<User>().WithMany().HasForeignKey(activity => activity.UserId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_user_activities_users");
        builder.HasOne<Question>().WithMany().HasForeignKey(activity => activity.QuestionId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_user_activities_questions");
        builder.HasOne<Lesson>().WithMany().HasForeignKey(activity => activity.LessonUrl)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_user_activities_lessons");
        // Every statement with a learner has exactly one activity row, so these indexes are also how voiding
        // finds the statements that still contribute to a user, lesson or question it must recompute.
        // With the time, newest first: analytics reads one learner's latest events (timeline) and their summary
        // from it; the leading user_id still serves the foreign key and voiding.
        builder.HasIndex(activity => new { activity.UserId, activity.Timestamp }).IsDescending(false, true)
            .HasDatabaseName("ix_user_activities_user_id_timestamp");
        builder.HasIndex(activity => activity.QuestionId).HasDatabaseName("ix_user_activities_question_id");
        builder.HasIndex(activity => activity.LessonUrl).HasDatabaseName("ix_user_activities_lesson_url");
        // Analytics' explorer pages through every activity by time with a keyset (time, then statement id): each page
        // is a short range scan of this index wherever it starts, instead of a sort of the whole table.
        builder.HasIndex(activity => new { activity.Timestamp, activity.StatementId }).HasDatabaseName("ix_user_activities_timestamp_statement_id");
    }
}
