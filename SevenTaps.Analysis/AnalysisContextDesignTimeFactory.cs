using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SevenTaps.Analysis;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or AppHost.</summary>
internal sealed class AnalysisContextDesignTimeFactory : IDesignTimeDbContextFactory<AnalysisContext>
{
    public AnalysisContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AnalysisContext>()
            .UseNpgsql("Host=localhost;Database=design_time", AnalysisContextOptions.Configure)
            .Options);
}
