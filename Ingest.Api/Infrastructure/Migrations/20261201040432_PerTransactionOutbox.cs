using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ingest.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PerTransactionOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox_batches",
                schema: "xapi",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    statement_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    traceparents = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_batches", x => x.id);
                });

            // Statements still waiting for the stream keep waiting, now as one row.
            migrationBuilder.Sql(
                "INSERT INTO xapi.outbox_batches (statement_ids, traceparents, created_at) " +
                "SELECT array_agg(statement_id ORDER BY created_at), array_agg(traceparent ORDER BY created_at), min(created_at) " +
                "FROM xapi.outbox HAVING count(*) > 0");

            migrationBuilder.DropTable(
                name: "outbox",
                schema: "xapi");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox",
                schema: "xapi",
                columns: table => new
                {
                    statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    traceparent = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.statement_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_created_at",
                schema: "xapi",
                table: "outbox",
                column: "created_at");

            migrationBuilder.Sql(
                "INSERT INTO xapi.outbox (statement_id, traceparent, created_at) " +
                "SELECT id, traceparents[n], created_at FROM xapi.outbox_batches, unnest(statement_ids) WITH ORDINALITY AS s(id, n)");

            migrationBuilder.DropTable(
                name: "outbox_batches",
                schema: "xapi");
        }
    }
}
