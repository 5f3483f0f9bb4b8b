using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Agent.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CancelRunsAnywhere : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "backend_pid",
                schema: "agent",
                table: "workbench_runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancel_requested_at",
                schema: "agent",
                table: "workbench_runs",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "backend_pid",
                schema: "agent",
                table: "workbench_runs");

            migrationBuilder.DropColumn(
                name: "cancel_requested_at",
                schema: "agent",
                table: "workbench_runs");
        }
    }
}
