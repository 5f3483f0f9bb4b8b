using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Analytics.Api.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database.</summary>
internal sealed class AnalyticsContextDesignTimeFactory : IDesignTimeDbContextFactory<AnalyticsContext>
{
    public AnalyticsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AnalyticsContext>()
            .UseNpgsql("Host=localhost;Database=design_time", AnalyticsContextOptions.Configure)
            .Options);
}
