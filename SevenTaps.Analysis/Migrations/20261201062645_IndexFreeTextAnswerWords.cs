using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class IndexFreeTextAnswerWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_responses_free_text_words",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "response_words",
                schema: "analysis",
                table: "user_responses",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "CASE WHEN sentiment IS NOT NULL THEN to_tsvector('simple'::regconfig, coalesce(response_text, '')) END",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_free_text_question_timestamp",
                schema: "analysis",
                table: "user_responses",
                columns: new[] { "question_id", "timestamp", "statement_id" },
                descending: new[] { false, true, false },
                filter: "sentiment IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_free_text_words",
                schema: "analysis",
                table: "user_responses",
                column: "response_words",
                filter: "sentiment IS NOT NULL")
                .Annotation("Npgsql:IndexMethod", "GIN");

            // Adding a stored generated column rewrites the table, which leaves its visibility map empty: sentiment's
            // index-only scans would read every row from the heap until autovacuum came by (a rewrite counts as no
            // change to it). VACUUM cannot run in the migration's transaction.
            migrationBuilder.Sql("VACUUM (ANALYZE) analysis.user_responses;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_responses_free_text_question_timestamp",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.DropIndex(
                name: "ix_user_responses_free_text_words",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.DropColumn(
                name: "response_words",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_free_text_words",
                schema: "analysis",
                table: "user_responses",
                column: "response_text",
                filter: "sentiment IS NOT NULL")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:TsVectorConfig", "simple");
        }
    }
}
