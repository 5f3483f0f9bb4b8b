using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SevenTaps.Audit;

public static class AuditExtensions
{
    /// <summary>
    /// For a service that performs administrative actions: the audit context (whose migrations analytics' <c>migrate</c>
    /// command applies), the writer, and the reader. Needs the service's NpgsqlDataSource.
    /// </summary>
    public static void AddAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<AuditContext>(AuditContext.ConfigureMigrations);
        builder.Services.AddAuditWriter();
        builder.Services.TryAddSingleton<AuditReader>();
    }

    /// <summary>
    /// For the one service that owns the table (analytics-api): deletes records older than the configured retention on
    /// a timer (<see cref="AuditRetentionOptions"/>, section <c>Audit</c>). Needs <see cref="AddAuditTrail"/>.
    /// </summary>
    public static void AddAuditRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditRetentionOptions>()
            .BindConfiguration(AuditRetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<AuditPurge>();
        builder.Services.AddHostedService<AuditRetentionService>();
    }

    /// <summary>The writer alone, for stores that append records (and the hosts of management commands).</summary>
    public static void AddAuditWriter(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditTrail>();
    }
}
