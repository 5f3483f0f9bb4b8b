using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.ApiKeys.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeyScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "scopes",
                schema: "analytics",
                table: "api_keys",
                type: "text[]",
                nullable: false,
                defaultValueSql: "ARRAY['analytics']::text[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "scopes",
                schema: "analytics",
                table: "api_keys");
        }
    }
}
