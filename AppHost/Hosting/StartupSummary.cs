using SevenTaps.Contracts;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// Once every resource is healthy (and every migration applied), prints where each one answers and the gateway's URL: the operator's first
/// view, before they open the Aspire dashboard (whose login URL Aspire prints at start).
/// </summary>
internal sealed class StartupSummary(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IOptions<AppHostOptions> options,
    DashboardAdminSetting dashboardAdmin,
    ILogger<StartupSummary> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PrintResourceTable)
        {
            return;
        }
        var resources = model.Resources.Where(resource => resource is not ParameterResource).ToList();
        try
        {
            await Task.WhenAll(resources.Select(resource => MigrationResource.WaitUntilReadyAsync(notifications, resource, stoppingToken)));
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var width = resources.Max(resource => resource.Name.Length) + 2;
        var lines = new List<string> { "", $"{"RESOURCE".PadRight(width)}ENDPOINT" };
        lines.AddRange(resources.Select(resource => $"{resource.Name.PadRight(width)}{Describe(resource)}"));
        lines.Add("");
        lines.Add($"Data directory: {options.Value.FullDataDirectory}");
        if (resources.OfType<ServiceResource>().FirstOrDefault(resource => resource.Name == ResourceNames.Gateway) is { } gateway)
        {
            if (gateway.TryGetLastAnnotation<GatewayCertificateAnnotation>(out var certificate))
            {
                lines.Add($"HTTPS: {gateway.GetEndpoint(GatewayEndpoints.HttpsEndpointName).Url}/xapi/ is the endpoint to give 7taps; certificate {certificate.CertificatePath}");
                if (certificate.SelfSignedFingerprint is { } fingerprint)
                {
                    lines.Add($"       self-signed, SHA-256 fingerprint {fingerprint}");
                }
            }
            lines.Add($"SevenTaps is up. Gateway: {gateway.HttpEndpoint.Url}   (Ctrl+C stops everything)");
        }
        // Shown on the start that generated it; later starts point at the file (the summary is in the console log).
        if (dashboardAdmin.Admin is { Generated: true } admin)
        {
            lines.Add($"Dashboard administrator: {admin.Email}  password: {admin.Password}   (shown once; also in secrets/{DashboardAdmin.PasswordFile})");
        }
        else if (dashboardAdmin.Admin is { Email: DashboardAdmin.DemoEmail })
        {
            lines.Add($"Dashboard administrator: {DashboardAdmin.DemoEmail} (password in secrets/{DashboardAdmin.PasswordFile})");
        }
        await Console.Out.WriteLineAsync(string.Join(Environment.NewLine, lines));
        logger.LogInformation("Every resource is healthy");
    }

    private static string Describe(IResource resource) => resource switch
    {
        ServiceResource service => service.HttpEndpoint.Url,
        LocalPostgresResource postgres => $"host=127.0.0.1 port={postgres.PrimaryEndpoint.Port} user={LocalPostgresResource.Superuser} (password in secrets/{postgres.Name}.password)",
        LocalRedisResource redis => $"127.0.0.1:{redis.PrimaryEndpoint.Port} (password in secrets/{redis.Name}.password)",
        ManagedDatabaseResource database => $"database {database.DatabaseName} on {database.Server.Name}",
        MigrationResource => "applied the schema's migrations (as the owner role)",
        ConnectionStringResource => "external (connection string from configuration)",
        _ when resource.Name == "aspire-dashboard" => "the operators' view: open the login URL printed above",
        _ => resource.GetType().Name,
    };
}
