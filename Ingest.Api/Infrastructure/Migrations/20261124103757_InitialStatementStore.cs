using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ingest.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InitialStatementStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "xapi");

            migrationBuilder.CreateTable(
                name: "attachments",
                schema: "xapi",
                columns: table => new
                {
                    sha2 = table.Column<string>(type: "text", nullable: false),
                    content_type = table.Column<string>(type: "text", nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachments", x => x.sha2);
                });

            migrationBuilder.CreateTable(
                name: "credentials",
                schema: "xapi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    secret_hash = table.Column<string>(type: "text", nullable: false),
                    scopes = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                schema: "xapi",
                columns: table => new
                {
                    statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    traceparent = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.statement_id);
                });

            migrationBuilder.CreateTable(
                name: "statements",
                schema: "xapi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    statement = table.Column<string>(type: "jsonb", nullable: false),
                    stored = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    verb_id = table.Column<string>(type: "text", nullable: false),
                    activity_id = table.Column<string>(type: "text", nullable: true),
                    registration = table.Column<Guid>(type: "uuid", nullable: true),
                    agents = table.Column<string[]>(type: "text[]", nullable: false),
                    related_agents = table.Column<string[]>(type: "text[]", nullable: false),
                    related_activities = table.Column<string[]>(type: "text[]", nullable: false),
                    voids_statement_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_voided = table.Column<bool>(type: "boolean", nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: true),
                    trace_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statements", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_credentials_key",
                schema: "xapi",
                table: "credentials",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_created_at",
                schema: "xapi",
                table: "outbox",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_statements_activity",
                schema: "xapi",
                table: "statements",
                column: "activity_id");

            migrationBuilder.CreateIndex(
                name: "ix_statements_agents",
                schema: "xapi",
                table: "statements",
                column: "agents")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_statements_registration",
                schema: "xapi",
                table: "statements",
                column: "registration",
                filter: "registration IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_statements_seq",
                schema: "xapi",
                table: "statements",
                column: "seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_statements_stored",
                schema: "xapi",
                table: "statements",
                column: "stored");

            migrationBuilder.CreateIndex(
                name: "ix_statements_verb",
                schema: "xapi",
                table: "statements",
                column: "verb_id");

            migrationBuilder.CreateIndex(
                name: "ix_statements_voids",
                schema: "xapi",
                table: "statements",
                column: "voids_statement_id",
                filter: "voids_statement_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attachments",
                schema: "xapi");

            migrationBuilder.DropTable(
                name: "credentials",
                schema: "xapi");

            migrationBuilder.DropTable(
                name: "outbox",
                schema: "xapi");

            migrationBuilder.DropTable(
                name: "statements",
                schema: "xapi");
        }
    }
}
