using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ingest.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ActivityDefinitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "activity_definitions",
                schema: "xapi",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    activity_id = table.Column<string>(type: "text", nullable: false),
                    digest = table.Column<string>(type: "text", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    defined = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activity_definitions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ux_activity_definitions_activity_digest",
                schema: "xapi",
                table: "activity_definitions",
                columns: new[] { "activity_id", "digest" },
                unique: true);

            // The definitions already stored by defining credentials (scope define or all): objects and context
            // activities, also inside a SubStatement. Each distinct definition once, at the last time it was given.
            migrationBuilder.Sql("""
                INSERT INTO xapi.activity_definitions (activity_id, digest, definition, defined)
                SELECT DISTINCT ON (given.activity ->> 'id', md5((given.activity -> 'definition')::text))
                       given.activity ->> 'id', md5((given.activity -> 'definition')::text), given.activity -> 'definition', s.stored
                FROM xapi.statements s
                JOIN xapi.credentials c ON c.id = s.credential_id AND c.scopes && ARRAY['define', 'all']
                CROSS JOIN LATERAL unnest(ARRAY['lax $.object', 'lax $.context.contextActivities.*[*]',
                    'lax $.object.object', 'lax $.object.context.contextActivities.*[*]']::jsonpath[]) AS place(path)
                CROSS JOIN LATERAL jsonb_path_query(s.statement, place.path) AS given(activity)
                WHERE jsonb_typeof(given.activity) = 'object' AND given.activity ? 'definition' AND given.activity ? 'id'
                  AND coalesce(given.activity ->> 'objectType', 'Activity') = 'Activity'
                  AND jsonb_typeof(given.activity -> 'definition') = 'object'
                ORDER BY given.activity ->> 'id', md5((given.activity -> 'definition')::text), s.seq DESC
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activity_definitions",
                schema: "xapi");
        }
    }
}
