using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ingest.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StatementRefTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "object_statement_id",
                schema: "xapi",
                table: "statements",
                type: "uuid",
                nullable: true);

            // Statements stored before this column existed: their StatementRef targets, read from the JSON.
            migrationBuilder.Sql(
                "UPDATE xapi.statements SET object_statement_id = (statement->'object'->>'id')::uuid " +
                "WHERE statement->'object'->>'objectType' = 'StatementRef'");

            migrationBuilder.CreateIndex(
                name: "ix_statements_object_statement",
                schema: "xapi",
                table: "statements",
                column: "object_statement_id",
                filter: "object_statement_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_statements_object_statement",
                schema: "xapi",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "object_statement_id",
                schema: "xapi",
                table: "statements");
        }
    }
}
