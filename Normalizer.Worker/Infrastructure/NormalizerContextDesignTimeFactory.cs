using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Normalizer.Worker.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or AppHost.</summary>
internal sealed class NormalizerContextDesignTimeFactory : IDesignTimeDbContextFactory<NormalizerContext>
{
    public NormalizerContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NormalizerContext>()
            .UseNpgsql("Host=localhost;Database=design_time", NormalizerContextOptions.Configure)
            .Options);
}
