using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class ResponseFullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "response_search",
                schema: "analysis",
                table: "user_responses",
                type: "tsvector",
                nullable: true)
                .Annotation("Npgsql:TsVectorConfig", "english")
                .Annotation("Npgsql:TsVectorProperties", new[] { "response_text" });

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_response_search",
                schema: "analysis",
                table: "user_responses",
                column: "response_search")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_responses_response_search",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.DropColumn(
                name: "response_search",
                schema: "analysis",
                table: "user_responses");
        }
    }
}
