using System.Security.Cryptography;
using System.Text;
using Npgsql;
using SevenTaps.Analysis;

namespace Agent.Api.Guard;

/// <summary>
/// The login role every guarded query runs as: it can log in, use schema <c>analysis</c> and SELECT its tables, and
/// nothing else (no membership in any role, no other schema, no settings it could not have anyway). It is a separate
/// login, not a role a privileged session switches to: a query cannot <c>RESET ROLE</c> its way back to the owner.
/// The agent creates it with its owner connection at start and gives it a new random password each time (sent to the
/// server as a SCRAM verifier, so the password itself never reaches the server or its logs). One agent replica: a
/// second would rotate the first one's password (see docs/agent.md).
/// </summary>
public static class QueryRole
{
    public const string Name = "seventaps_query";

    public static async Task<NpgsqlDataSource> ProvisionAsync(NpgsqlDataSource owner, GuardOptions options, string applicationName, CancellationToken cancellationToken)
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var timeout = (long)options.StatementTimeout.TotalMilliseconds;
        await using (var connection = await owner.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // Two agents starting at once would race on CREATE ROLE: the transaction-scoped lock orders them.
            await using var command = new NpgsqlCommand($"""
                SELECT pg_advisory_xact_lock(hashtext('{Name}'));
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{Name}') THEN
                        CREATE ROLE {Name} LOGIN;
                    END IF;
                END $$;
                ALTER ROLE {Name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS
                    CONNECTION LIMIT {options.MaxConnections} PASSWORD '{ScramVerifier(password)}';
                ALTER ROLE {Name} SET default_transaction_read_only = on;
                ALTER ROLE {Name} SET statement_timeout = {timeout};
                ALTER ROLE {Name} SET idle_in_transaction_session_timeout = 60000;
                ALTER ROLE {Name} SET search_path = {AnalysisSchema.Name};
                ALTER ROLE {Name} SET work_mem = '64MB';
                ALTER ROLE {Name} SET temp_file_limit = '1GB';
                GRANT CONNECT ON DATABASE "{connection.Database}" TO {Name};
                GRANT USAGE ON SCHEMA {AnalysisSchema.Name} TO {Name};
                GRANT SELECT ON ALL TABLES IN SCHEMA {AnalysisSchema.Name} TO {Name};
                ALTER DEFAULT PRIVILEGES IN SCHEMA {AnalysisSchema.Name} GRANT SELECT ON TABLES TO {Name};
                """, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            // Whatever an earlier version or an operator granted it beyond that is taken back.
            await using var memberships = new NpgsqlCommand($"""
                SELECT string_agg(format('REVOKE %I FROM {Name}', r.rolname), '; ')
                FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = '{Name}')
                """, connection, transaction);
            if (await memberships.ExecuteScalarAsync(cancellationToken) is string revoke)
            {
                await using var revoking = new NpgsqlCommand(revoke, connection, transaction);
                await revoking.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(owner.ConnectionString)
        {
            Username = Name,
            Password = password,
            ApplicationName = $"{applicationName} (guarded query)",
            MaxPoolSize = options.MaxConnections,
            // A query may change session state only through settings the guard refuses; the reset on return to the
            // pool (DISCARD ALL) is a second line, so nothing one query did is seen by the next.
            NoResetOnClose = false,
            Options = null,
        };
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802/7677), as libpq's PQencryptPasswordConn makes it.</summary>
    internal static string ScramVerifier(string password, int iterations = 4096)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
