using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ingest.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Every change to a credential row (revoked, new secret, scopes, deleted) is NOTIFYed on channel
    /// seventaps_credentials (payload: the row's id, or * for a TRUNCATE), so every ingest replica evicts it from its
    /// cache of verified credentials at once.
    /// </summary>
    public partial class CredentialChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION xapi.notify_credential_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        PERFORM pg_notify('seventaps_credentials', '*');
                    ELSE
                        PERFORM pg_notify('seventaps_credentials', OLD.id::text);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER credentials_updated AFTER UPDATE ON xapi.credentials
                    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION xapi.notify_credential_change();
                CREATE TRIGGER credentials_deleted AFTER DELETE ON xapi.credentials
                    FOR EACH ROW EXECUTE FUNCTION xapi.notify_credential_change();
                CREATE TRIGGER credentials_truncated AFTER TRUNCATE ON xapi.credentials
                    FOR EACH STATEMENT EXECUTE FUNCTION xapi.notify_credential_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER credentials_updated ON xapi.credentials;
                DROP TRIGGER credentials_deleted ON xapi.credentials;
                DROP TRIGGER credentials_truncated ON xapi.credentials;
                DROP FUNCTION xapi.notify_credential_change();
                """);
        }
    }
}
