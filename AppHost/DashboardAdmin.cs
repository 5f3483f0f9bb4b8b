namespace SevenTaps.AppHost;

/// <summary>
/// The dashboard's first administrator: SEVENTAPS_ADMIN_EMAIL / SEVENTAPS_ADMIN_PASSWORD when the operator sets them;
/// for --demo without them, a generated password kept in the data directory's secrets for <see cref="DemoEmail"/>;
/// otherwise none (create one with the dashboard's <c>users</c> command).
/// </summary>
/// <param name="Generated">True when AppHost generated the password on this start: the startup summary shows it, once.</param>
public sealed record DashboardAdmin(string Email, string Password, bool Generated)
{
    public const string DemoEmail = "admin@seventaps.local";
    public const string PasswordFile = "dashboard-admin.password";

    public static DashboardAdmin? From(IConfiguration configuration, AppHostOptions options)
    {
        if (configuration["SEVENTAPS_ADMIN_EMAIL"] is { Length: > 0 } email && configuration["SEVENTAPS_ADMIN_PASSWORD"] is { Length: > 0 } password)
        {
            return password.Length < 12
                ? throw new InvalidOperationException("SEVENTAPS_ADMIN_PASSWORD cannot be used: the dashboard needs at least 12 characters.")
                : new DashboardAdmin(email, password, Generated: false);
        }
        if (!options.Demo)
        {
            return null;
        }
        var generated = !File.Exists(Path.Combine(options.SecretsDirectory, PasswordFile));
        return new DashboardAdmin(DemoEmail, Hosting.Secret.ReadOrCreate(options.SecretsDirectory, PasswordFile), generated);
    }

    /// <summary>The dashboard's own API key, generated once per data directory; the dashboard stores it in the key table.</summary>
    public static string ApiKey(AppHostOptions options) => "sta_" + Hosting.Secret.ReadOrCreate(options.SecretsDirectory, "dashboard-web.apikey");
}

/// <summary>The first administrator, if any, as a service (the startup summary prints a generated one).</summary>
public sealed record DashboardAdminSetting(DashboardAdmin? Admin);
