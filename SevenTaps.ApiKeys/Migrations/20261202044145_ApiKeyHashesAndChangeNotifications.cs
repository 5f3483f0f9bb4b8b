using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.ApiKeys.Migrations
{
    /// <summary>
    /// API keys become salted PBKDF2 hashes (re-hashed from SHA-256 when next used), found by their prefix; every
    /// change to a key row is NOTIFYed on channel seventaps_api_keys (payload: the row's id, or * for a TRUNCATE), so
    /// every service evicts a revoked key from its cache at once.
    /// </summary>
    public partial class ApiKeyHashesAndChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_api_keys_prefix",
                schema: "analytics",
                table: "api_keys",
                column: "prefix");

            migrationBuilder.Sql("""
                CREATE FUNCTION analytics.notify_api_key_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        PERFORM pg_notify('seventaps_api_keys', '*');
                    ELSE
                        PERFORM pg_notify('seventaps_api_keys', OLD.id::text);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER api_keys_updated AFTER UPDATE ON analytics.api_keys
                    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION analytics.notify_api_key_change();
                CREATE TRIGGER api_keys_deleted AFTER DELETE ON analytics.api_keys
                    FOR EACH ROW EXECUTE FUNCTION analytics.notify_api_key_change();
                CREATE TRIGGER api_keys_truncated AFTER TRUNCATE ON analytics.api_keys
                    FOR EACH STATEMENT EXECUTE FUNCTION analytics.notify_api_key_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER api_keys_updated ON analytics.api_keys;
                DROP TRIGGER api_keys_deleted ON analytics.api_keys;
                DROP TRIGGER api_keys_truncated ON analytics.api_keys;
                DROP FUNCTION analytics.notify_api_key_change();
                """);

            migrationBuilder.DropIndex(
                name: "ix_api_keys_prefix",
                schema: "analytics",
                table: "api_keys");
        }
    }
}
