using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <summary>
    /// The read-only role readers of the analysis schema query as (analytics today; Seven and the workbench later)
    /// and its grants belong to the schema's own migrations. They were created by Analytics.Api's first migration
    /// (analytics schema), and the normalizer's later ones granted to the role only if it existed. Idempotent: on a
    /// database where analytics already did all this, it changes nothing.
    /// </summary>
    public partial class OwnReaderRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Default privileges cover tables created after this by the same owner (later migrations, the shadow
            // schema of a re-normalization clones them); the grant on all tables covers those that exist.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seventaps_analytics_reader') THEN
                        CREATE ROLE seventaps_analytics_reader NOLOGIN;
                    END IF;
                    EXECUTE format('GRANT seventaps_analytics_reader TO %I', current_user);
                END $$;
                GRANT USAGE ON SCHEMA analysis TO seventaps_analytics_reader;
                GRANT SELECT ON ALL TABLES IN SCHEMA analysis TO seventaps_analytics_reader;
                ALTER DEFAULT PRIVILEGES IN SCHEMA analysis GRANT SELECT ON TABLES TO seventaps_analytics_reader;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The role stays: it may hold grants elsewhere, and readers' connections name it.
            migrationBuilder.Sql("""
                ALTER DEFAULT PRIVILEGES IN SCHEMA analysis REVOKE SELECT ON TABLES FROM seventaps_analytics_reader;
                REVOKE SELECT ON ALL TABLES IN SCHEMA analysis FROM seventaps_analytics_reader;
                REVOKE USAGE ON SCHEMA analysis FROM seventaps_analytics_reader;
                """);
        }
    }
}
