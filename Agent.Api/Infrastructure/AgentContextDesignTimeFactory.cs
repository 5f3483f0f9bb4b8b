using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Agent.Api.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database.</summary>
internal sealed class AgentContextDesignTimeFactory : IDesignTimeDbContextFactory<AgentContext>
{
    public AgentContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AgentContext>().UseNpgsql("Host=localhost;Database=design_time", AgentContext.Configure).Options);
}
