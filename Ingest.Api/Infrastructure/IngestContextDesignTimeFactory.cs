using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ingest.Api.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or AppHost.</summary>
internal sealed class IngestContextDesignTimeFactory : IDesignTimeDbContextFactory<IngestContext>
{
    public IngestContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IngestContext>()
            .UseNpgsql("Host=localhost;Database=design_time", IngestContextOptions.Configure)
            .Options);
}
