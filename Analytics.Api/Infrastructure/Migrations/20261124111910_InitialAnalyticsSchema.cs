using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InitialAnalyticsSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "analytics");

            migrationBuilder.CreateTable(
                name: "api_keys",
                schema: "analytics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    prefix = table.Column<string>(type: "text", nullable: false),
                    key_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_key_hash",
                schema: "analytics",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            // Analytics reads the normalizer's tables as a role that can only SELECT them. The schema is created here
            // if the normalizer has not yet (it uses IF NOT EXISTS too); default privileges cover tables created later.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seventaps_analytics_reader') THEN
                        CREATE ROLE seventaps_analytics_reader NOLOGIN;
                    END IF;
                    EXECUTE format('GRANT seventaps_analytics_reader TO %I', current_user);
                END $$;
                CREATE SCHEMA IF NOT EXISTS analysis;
                GRANT USAGE ON SCHEMA analysis TO seventaps_analytics_reader;
                GRANT SELECT ON ALL TABLES IN SCHEMA analysis TO seventaps_analytics_reader;
                ALTER DEFAULT PRIVILEGES IN SCHEMA analysis GRANT SELECT ON TABLES TO seventaps_analytics_reader;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER DEFAULT PRIVILEGES IN SCHEMA analysis REVOKE SELECT ON TABLES FROM seventaps_analytics_reader;
                REVOKE SELECT ON ALL TABLES IN SCHEMA analysis FROM seventaps_analytics_reader;
                REVOKE USAGE ON SCHEMA analysis FROM seventaps_analytics_reader;
                """);

            migrationBuilder.DropTable(
                name: "api_keys",
                schema: "analytics");
        }
    }
}
