using Npgsql;
using SevenTaps.ApiKeys;

namespace Analytics.Tests;

/// <summary>Analytics endpoints take keys with the analytics scope; keys from before scopes existed keep working.</summary>
[Collection(AnalyticsCollection.Name)]
public sealed class ApiKeyScopeTests(AnalyticsFixture analytics)
{
    [Fact]
    public async Task A_key_without_the_analytics_scope_gets_403_and_one_with_it_gets_answers()
    {
        var adminOnly = await TestApiKeys.CreateAsync(analytics.DatabaseConnectionString, "operator", ApiKeyScopes.Admin);
        var reader = await TestApiKeys.CreateAsync(analytics.DatabaseConnectionString, "dashboard", ApiKeyScopes.Analytics);

        using var forbidden = await analytics.Client(adminOnly).GetAsync("/api/analytics/overview");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        using var allowed = await analytics.Client(reader).GetAsync("/api/analytics/overview");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task A_key_stored_before_scopes_existed_reads_analytics_and_the_bootstrap_key_has_every_scope()
    {
        // As the key table held it before the scopes column: the migration's default applies.
        const string legacyKey = "sta_legacy-key-from-before-scopes";
        await using (var connection = new NpgsqlConnection(analytics.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO analytics.api_keys (id, name, prefix, key_hash, created_at)
                VALUES (gen_random_uuid(), 'legacy', 'sta_legacy', encode(sha256(convert_to($1, 'UTF8')), 'hex'), now())
                """, connection) { Parameters = { new NpgsqlParameter { Value = legacyKey } } };
            await insert.ExecuteNonQueryAsync();
        }
        using var legacy = await analytics.Client(legacyKey).GetAsync("/api/analytics/overview");
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        // Verified against its SHA-256, then stored again as PBKDF2 with the current parameters; it keeps working.
        await using (var rehashed = new NpgsqlConnection(analytics.DatabaseConnectionString))
        {
            await rehashed.OpenAsync();
            await using var hash = new NpgsqlCommand("SELECT key_hash FROM analytics.api_keys WHERE name = 'legacy'", rehashed);
            Assert.StartsWith("pbkdf2-sha256$600000$", (string)(await hash.ExecuteScalarAsync())!);
        }
        using var again = await analytics.Client(legacyKey).GetAsync("/api/analytics/overview");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await using var check = new NpgsqlConnection(analytics.DatabaseConnectionString);
        await check.OpenAsync();
        await using var scopes = new NpgsqlCommand("SELECT scopes FROM analytics.api_keys WHERE name = 'bootstrap'", check);
        Assert.Equal(ApiKeyScopes.All, (string[])(await scopes.ExecuteScalarAsync())!);
    }
}
