using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class SummarizeFreeTextSentiment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "free_text_sentiment_counts",
                schema: "analysis",
                columns: table => new
                {
                    question_id = table.Column<string>(type: "text", nullable: false),
                    lesson_url = table.Column<string>(type: "text", nullable: true),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    answers = table.Column<int>(type: "integer", nullable: false),
                    sentiment_sum = table.Column<decimal>(type: "numeric", nullable: false),
                    positive = table.Column<int>(type: "integer", nullable: false),
                    neutral = table.Column<int>(type: "integer", nullable: false),
                    negative = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                });

            migrationBuilder.CreateIndex(
                name: "ux_free_text_sentiment_counts_question_lesson_day",
                schema: "analysis",
                table: "free_text_sentiment_counts",
                columns: new[] { "question_id", "lesson_url", "day" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            // The counts of the answers already scored: sentiment by lesson, question, day or week sums these instead of
            // reading every free-text answer (thresholds: SentimentAnalyzer's ±0.05).
            migrationBuilder.Sql("""
                INSERT INTO analysis.free_text_sentiment_counts (question_id, lesson_url, day, answers, sentiment_sum, positive, neutral, negative)
                SELECT question_id, lesson_url, ("timestamp" AT TIME ZONE 'UTC')::date, count(*), sum(sentiment::numeric),
                       count(*) FILTER (WHERE sentiment >= 0.05), count(*) FILTER (WHERE sentiment > -0.05 AND sentiment < 0.05),
                       count(*) FILTER (WHERE sentiment <= -0.05)
                FROM analysis.user_responses WHERE question_id IS NOT NULL AND sentiment IS NOT NULL GROUP BY 1, 2, 3;
                ANALYZE analysis.free_text_sentiment_counts;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "free_text_sentiment_counts",
                schema: "analysis");
        }
    }
}
