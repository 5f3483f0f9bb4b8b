using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SevenTaps.ApiKeys;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database.</summary>
internal sealed class ApiKeyContextDesignTimeFactory : IDesignTimeDbContextFactory<ApiKeyContext>
{
    public ApiKeyContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ApiKeyContext>()
            .UseNpgsql("Host=localhost;Database=design_time", ApiKeyContext.ConfigureMigrations)
            .Options);
}
