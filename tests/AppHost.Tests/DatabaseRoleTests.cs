using System.Net;
using Npgsql;
using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;

namespace AppHost.Tests;

/// <summary>
/// Least privilege in PostgreSQL, on the running system: each service logs in with its own role, which PostgreSQL
/// refuses anything beyond its grants, and no service process holds the superuser's or the owner's password.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DatabaseRoleTests(SevenTapsSystemFixture system)
{
    private const string QueryLogin = "query";

    public static TheoryData<string, string> Refused => new()
    {
        // Analytics reads the analysis schema through the reader role; its own login writes only the key table.
        { ResourceNames.AnalyticsApi, "DELETE FROM xapi.statements WHERE false" },
        { ResourceNames.AnalyticsApi, "INSERT INTO analysis.users SELECT * FROM analysis.users WHERE false" },
        { ResourceNames.AnalyticsApi, $"SET ROLE {DatabaseRoles.AnalyticsReader}; DELETE FROM analysis.users WHERE false" },
        { ResourceNames.AnalyticsApi, $"SET ROLE {DatabaseRoles.Owner}" },
        { ResourceNames.AnalyticsApi, "SET ROLE postgres" },
        { ResourceNames.AnalyticsApi, $"SET ROLE {DatabaseRoles.AnalysisOwner}" },
        { ResourceNames.AnalyticsApi, "CREATE TABLE analysis.intruder (id int)" },
        { ResourceNames.AnalyticsApi, "CREATE TABLE public.intruder (id int)" },
        { ResourceNames.AnalyticsApi, "CREATE SCHEMA intruder" },
        // Audit records are never rewritten; only analytics (the retention) deletes them.
        { ResourceNames.AnalyticsApi, "UPDATE audit.records SET detail = detail WHERE false" },
        { ResourceNames.IngestApi, "DELETE FROM audit.records WHERE false" },
        { ResourceNames.NormalizerWorker, "UPDATE audit.records SET detail = detail WHERE false" },
        { ResourceNames.DashboardWeb, "DELETE FROM audit.records WHERE false" },
        { ResourceNames.DashboardWeb, "SELECT 1 FROM audit.records LIMIT 1" },
        // Ingest writes the statement store and nothing of the analysis schema.
        { ResourceNames.IngestApi, "SELECT 1 FROM analysis.users LIMIT 1" },
        { ResourceNames.IngestApi, "DELETE FROM analysis.users WHERE false" },
        { ResourceNames.IngestApi, "CREATE TABLE xapi.intruder (id int)" },
        { ResourceNames.IngestApi, $"SET ROLE {DatabaseRoles.Owner}" },
        // The normalizer reads the statements, writes the analysis tables.
        { ResourceNames.NormalizerWorker, "DELETE FROM xapi.statements WHERE false" },
        { ResourceNames.NormalizerWorker, "DELETE FROM agent.exchanges WHERE false" },
        { ResourceNames.NormalizerWorker, $"SET ROLE {DatabaseRoles.Owner}" },
        // The agent reads the analysis schema and writes its own.
        { ResourceNames.AgentApi, "DELETE FROM analysis.users WHERE false" },
        { ResourceNames.AgentApi, "DELETE FROM xapi.statements WHERE false" },
        { ResourceNames.AgentApi, "CREATE TABLE analysis.intruder (id int)" },
        { ResourceNames.AgentApi, "CREATE TABLE agent.intruder (id int)" },
        { ResourceNames.AgentApi, $"SET ROLE {DatabaseRoles.Owner}" },
        { ResourceNames.AgentApi, "SET ROLE postgres" },
        { ResourceNames.AgentApi, $"SET ROLE {DatabaseRoles.AnalysisOwner}" },
        // Guarded queries: even in a read-write transaction the role can only read.
        { QueryLogin, "START TRANSACTION READ WRITE; DELETE FROM analysis.users WHERE false" },
        { QueryLogin, "SELECT 1 FROM xapi.statements LIMIT 1" },
        { QueryLogin, $"SET ROLE {DatabaseRoles.Agent}" },
        { QueryLogin, $"SET ROLE {DatabaseRoles.Owner}" },
        { QueryLogin, "SET ROLE postgres" },
        // The dashboard and the gateway see only what they must.
        { ResourceNames.DashboardWeb, "SELECT 1 FROM xapi.statements LIMIT 1" },
        { ResourceNames.DashboardWeb, "SELECT 1 FROM analysis.users LIMIT 1" },
        { ResourceNames.Gateway, "SELECT 1 FROM analysis.users LIMIT 1" },
        { ResourceNames.Gateway, "DELETE FROM analytics.api_keys WHERE false" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_service_login_is_refused_what_its_grants_do_not_allow(string login, string sql)
    {
        await using var connection = new NpgsqlConnection(await LoginAsync(login));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var refusal = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
    }

    [Fact]
    public async Task Every_service_logs_in_with_its_own_role_that_can_create_nothing_and_owns_nothing()
    {
        var expected = new Dictionary<string, string>
        {
            [ResourceNames.IngestApi] = DatabaseRoles.Ingest,
            [ResourceNames.NormalizerWorker] = DatabaseRoles.Normalizer,
            [ResourceNames.AnalyticsApi] = DatabaseRoles.Analytics,
            [ResourceNames.AgentApi] = DatabaseRoles.Agent,
            [ResourceNames.DashboardWeb] = DatabaseRoles.Dashboard,
            [ResourceNames.Gateway] = DatabaseRoles.Gateway,
            [QueryLogin] = DatabaseRoles.Query,
        };
        await using var administrator = new NpgsqlConnection(Administrator());
        await administrator.OpenAsync();
        foreach (var (login, role) in expected)
        {
            await using var connection = new NpgsqlConnection(await LoginAsync(login));
            await connection.OpenAsync();
            await using var whoAmI = new NpgsqlCommand("SELECT current_user", connection);
            Assert.Equal(role, await whoAmI.ExecuteScalarAsync());

            await using var attributes = new NpgsqlCommand("""
                SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls,
                       pg_has_role(r.oid, $2, 'MEMBER'), pg_has_role(r.oid, 'postgres', 'MEMBER'),
                       EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid), EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspowner = r.oid)
                FROM pg_roles r WHERE r.rolname = $1
                """, administrator)
            {
                Parameters = { new() { Value = role }, new() { Value = DatabaseRoles.Owner } },
            };
            await using var reader = await attributes.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.False(reader.GetBoolean(0), $"{role} has a role attribute beyond LOGIN");
            Assert.False(reader.GetBoolean(1), $"{role} is a member of the owner");
            Assert.False(reader.GetBoolean(2), $"{role} is a member of postgres");
            Assert.False(reader.GetBoolean(3) || reader.GetBoolean(4), $"{role} owns a table or schema");
        }
    }

    [Fact]
    public async Task The_owner_role_owns_every_schema_and_table_of_ours()
    {
        await using var connection = new NpgsqlConnection(Administrator());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT n.nspname || coalesce('.' || c.relname, '') || ' ' || pg_get_userbyid(coalesce(c.relowner, n.nspowner))
            FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'v', 'm', 'S')
            WHERE n.nspname = ANY ($1) AND pg_get_userbyid(coalesce(c.relowner, n.nspowner)) NOT IN ($2, $3)
            """, connection)
        {
            Parameters =
            {
                new() { Value = new[] { DatabaseSchemas.Xapi, DatabaseSchemas.Analysis, DatabaseSchemas.Analytics, DatabaseSchemas.Agent, DatabaseSchemas.Identity, DatabaseSchemas.Audit, DatabaseSchemas.Normalizer } },
                new() { Value = DatabaseRoles.Owner },
                new() { Value = DatabaseRoles.AnalysisOwner },
            },
        };
        var strays = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                strays.Add(reader.GetString(0));
            }
        }
        Assert.Empty(strays);
    }

    [Fact]
    public async Task No_service_process_holds_the_superuser_or_owner_password()
    {
        var superuserPassword = new NpgsqlConnectionStringBuilder(system.App.GetConnectionString(ResourceNames.Database)).Password!;
        var ownerPassword = await File.ReadAllTextAsync(Path.Combine(system.DataDirectory, "secrets", ManagedDatabaseResource.PasswordFile(DatabaseRoles.Owner)));
        Assert.True(ownerPassword.Length >= 32);

        var services = system.App.Resources.OfType<ServiceResource>().ToList();
        Assert.Equal(6, services.Count);
        foreach (var service in services)
        {
            var environment = await File.ReadAllTextAsync($"/proc/{(await system.App.ProcessIdAsync(service.Name))!.Value}/environ");
            Assert.Contains("ConnectionStrings__seventaps=", environment);
            Assert.DoesNotContain(superuserPassword, environment);
            Assert.DoesNotContain(ownerPassword, environment);
        }
        // The migrations, which had the owner's password, have ended; nothing else running has it.
        Assert.Empty(SystemProcesses.WithEnvironmentMentioning(ownerPassword));
    }

    [Fact]
    public async Task A_statement_sent_through_the_gateway_reaches_the_analysis_tables_written_by_the_normalizer_role()
    {
        var id = Guid.NewGuid();
        using var put = system.XapiRequest(HttpMethod.Put, $"/xapi/statements?statementId={id}");
        put.Content = new StringContent($$$"""
            {"id":"{{{id}}}","actor":{"account":{"homePage":"https://7taps.com","name":"roles-{{{id:N}}}"}},
             "verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://courses.example.com/l1/poll/1"}}
            """, System.Text.Encoding.UTF8, "application/json");
        using var response = await system.Gateway.SendAsync(put);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        // Read as the analytics reader, as analytics' queries do.
        var reader = new NpgsqlConnectionStringBuilder(await LoginAsync(ResourceNames.AnalyticsApi)) { Options = $"-c role={DatabaseRoles.AnalyticsReader}" };
        await SystemProcesses.WaitUntilAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(reader.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM analysis.users WHERE statement_id = $1", connection) { Parameters = { new() { Value = id } } };
            return (long)(await command.ExecuteScalarAsync())! == 1;
        }, TimeSpan.FromSeconds(30), "the statement's learner is in analysis.users");
    }

    /// <summary>
    /// The administrative login, not pooled: another test of the collection restarts PostgreSQL, which leaves pooled
    /// connections dead.
    /// </summary>
    private string Administrator() =>
        new NpgsqlConnectionStringBuilder(system.App.GetConnectionString(ResourceNames.Database)) { Pooling = false, ApplicationName = "database role tests" }.ConnectionString;

    /// <summary>The connection string the service was started with (from its process), or the agent's for guarded queries.</summary>
    private async Task<string> LoginAsync(string login)
    {
        var service = login == QueryLogin ? ResourceNames.AgentApi : login;
        var environment = SystemProcesses.Environment((await system.App.ProcessIdAsync(service))!.Value);
        var connectionString = environment[$"ConnectionStrings__{(login == QueryLogin ? DatabaseRoles.QueryConnectionName : ResourceNames.Database)}"];
        return new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "database role tests" }.ConnectionString;
    }
}
