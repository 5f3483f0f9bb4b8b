using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class CsvImportSourceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "source_data",
                schema: "analysis",
                table: "user_responses",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_data",
                schema: "analysis",
                table: "user_activities",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "source_data",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.DropColumn(
                name: "source_data",
                schema: "analysis",
                table: "user_activities");
        }
    }
}
