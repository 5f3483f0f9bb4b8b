using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class InitialAnalysisTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "analysis");

            migrationBuilder.CreateTable(
                name: "lessons",
                schema: "analysis",
                columns: table => new
                {
                    lesson_url = table.Column<string>(type: "text", nullable: false),
                    lesson_slug = table.Column<string>(type: "text", nullable: false),
                    lesson_number = table.Column<string>(type: "text", nullable: true),
                    lesson_name = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    first_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    statement_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lessons", x => x.lesson_url);
                });

            migrationBuilder.CreateTable(
                name: "users",
                schema: "analysis",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    ifi = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    first_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    statement_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "questions",
                schema: "analysis",
                columns: table => new
                {
                    question_id = table.Column<string>(type: "text", nullable: false),
                    lesson_url = table.Column<string>(type: "text", nullable: true),
                    question_type = table.Column<string>(type: "text", nullable: false),
                    interaction_type = table.Column<string>(type: "text", nullable: true),
                    question_text = table.Column<string>(type: "text", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    choices = table.Column<string>(type: "jsonb", nullable: false),
                    correct_responses = table.Column<string>(type: "jsonb", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    first_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    statement_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questions", x => x.question_id);
                    table.ForeignKey(
                        name: "fk_questions_lessons",
                        column: x => x.lesson_url,
                        principalSchema: "analysis",
                        principalTable: "lessons",
                        principalColumn: "lesson_url",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "user_activities",
                schema: "analysis",
                columns: table => new
                {
                    statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    lesson_url = table.Column<string>(type: "text", nullable: true),
                    question_id = table.Column<string>(type: "text", nullable: true),
                    activity_type = table.Column<string>(type: "text", nullable: false),
                    verb = table.Column<string>(type: "text", nullable: false),
                    completion = table.Column<bool>(type: "boolean", nullable: true),
                    success = table.Column<bool>(type: "boolean", nullable: true),
                    duration_seconds = table.Column<double>(type: "double precision", nullable: true),
                    timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_activities", x => x.statement_id);
                    table.ForeignKey(
                        name: "fk_user_activities_lessons",
                        column: x => x.lesson_url,
                        principalSchema: "analysis",
                        principalTable: "lessons",
                        principalColumn: "lesson_url",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_user_activities_questions",
                        column: x => x.question_id,
                        principalSchema: "analysis",
                        principalTable: "questions",
                        principalColumn: "question_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_user_activities_users",
                        column: x => x.user_id,
                        principalSchema: "analysis",
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "user_responses",
                schema: "analysis",
                columns: table => new
                {
                    statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    question_id = table.Column<string>(type: "text", nullable: true),
                    lesson_url = table.Column<string>(type: "text", nullable: true),
                    response_value = table.Column<string>(type: "text", nullable: true),
                    response_text = table.Column<string>(type: "text", nullable: true),
                    is_correct = table.Column<bool>(type: "boolean", nullable: true),
                    score_raw = table.Column<double>(type: "double precision", nullable: true),
                    score_scaled = table.Column<double>(type: "double precision", nullable: true),
                    score_min = table.Column<double>(type: "double precision", nullable: true),
                    score_max = table.Column<double>(type: "double precision", nullable: true),
                    duration_seconds = table.Column<double>(type: "double precision", nullable: true),
                    timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_responses", x => x.statement_id);
                    table.ForeignKey(
                        name: "fk_user_responses_lessons",
                        column: x => x.lesson_url,
                        principalSchema: "analysis",
                        principalTable: "lessons",
                        principalColumn: "lesson_url",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_user_responses_questions",
                        column: x => x.question_id,
                        principalSchema: "analysis",
                        principalTable: "questions",
                        principalColumn: "question_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_user_responses_users",
                        column: x => x.user_id,
                        principalSchema: "analysis",
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_questions_lesson_url",
                schema: "analysis",
                table: "questions",
                column: "lesson_url");

            migrationBuilder.CreateIndex(
                name: "ix_user_activities_lesson_url",
                schema: "analysis",
                table: "user_activities",
                column: "lesson_url");

            migrationBuilder.CreateIndex(
                name: "ix_user_activities_question_id",
                schema: "analysis",
                table: "user_activities",
                column: "question_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_activities_user_id",
                schema: "analysis",
                table: "user_activities",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_lesson_url",
                schema: "analysis",
                table: "user_responses",
                column: "lesson_url");

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_question_id",
                schema: "analysis",
                table: "user_responses",
                column: "question_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_user_id",
                schema: "analysis",
                table: "user_responses",
                column: "user_id");

            // People's SQL says "SELECT * FROM users", as it did against the seed system. The tables live in their own
            // schema (a re-normalization builds the next generation in a shadow schema and renames it to "analysis"
            // atomically), so the database's default search_path names it: a name resolves at query time, so new
            // queries see the new generation at once, where a view in public would stay bound to the old tables.
            // "$user" and public keep their usual places after it; objects of other schemas are always qualified.
            migrationBuilder.Sql("""
                DO $$ BEGIN
                    EXECUTE format('ALTER DATABASE %I SET search_path = analysis, "$user", public', current_database());
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$ BEGIN
                    EXECUTE format('ALTER DATABASE %I RESET search_path', current_database());
                END $$;
                """);
            migrationBuilder.DropTable(
                name: "user_activities",
                schema: "analysis");

            migrationBuilder.DropTable(
                name: "user_responses",
                schema: "analysis");

            migrationBuilder.DropTable(
                name: "questions",
                schema: "analysis");

            migrationBuilder.DropTable(
                name: "users",
                schema: "analysis");

            migrationBuilder.DropTable(
                name: "lessons",
                schema: "analysis");
        }
    }
}
