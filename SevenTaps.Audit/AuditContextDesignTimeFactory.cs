using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SevenTaps.Audit;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database.</summary>
internal sealed class AuditContextDesignTimeFactory : IDesignTimeDbContextFactory<AuditContext>
{
    public AuditContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AuditContext>()
            .UseNpgsql("Host=localhost;Database=design_time", AuditContext.ConfigureMigrations)
            .Options);
}
